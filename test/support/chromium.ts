/**
 * The real Chromium of this machine (/usr/bin/chromium) driven by playwright-core, with a scratch
 * profile and a scratch HOME: Chromium writes into $HOME/.config and $HOME/.cache even with a
 * temporary profile, and tests must not touch the real user's.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  /** Switches prefers-color-scheme on the open page, as the OS setting would. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const scratch = await mkdtemp(join(tmpdir(), 'taskwatch-chromium-'));
  const home = join(scratch, 'home');
  await mkdir(home);
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1400, height: 860 },
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    setColorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    async close() {
      await context.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
