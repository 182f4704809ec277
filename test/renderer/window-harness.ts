/**
 * The whole window, end to end, without Electron: a simulated portal, the real Taskwatch service over
 * it, the Chromium bridge serving the built renderer (out/renderer), and a real headless Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { createTaskwatchService, type TaskwatchService } from '../../src-main/core/service';
import type { TaskRef } from '../../src-main/contract/models';
import type { SecretStore } from '../../src-main/core/ports';
import { launchChromium, type ChromiumOptions, type ChromiumSession } from '../support/chromium';
import { RecordingNotifier, scratchFolder } from '../support/core-harness';

const root = join(import.meta.dirname, '..', '..');
export const rendererDir = join(root, 'out', 'renderer');
const screenshotDir = join(root, 'test-results', 'screenshots');

export function requireBuiltRenderer() {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm test does) before these tests');
  }
}

export interface WindowHarness {
  service: TaskwatchService;
  bridge: Bridge;
  chromium: ChromiumSession;
  page: Page;
  /** URLs the window asked to open in the system browser. */
  opened: string[];
  /** Files the window exported, by name. */
  exports: Map<string, string>;
  /** What clicking a notification about this task does. */
  navigate(ref: TaskRef): void;
  /** Opens the window (again) and waits until it has drawn its first snapshot. */
  load(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** `prepareHome`: writes config or state into the fresh home before the service reads it. */
export async function startWindow(options: { secrets: SecretStore; prepareHome?: (home: string) => Promise<void> } & ChromiumOptions): Promise<WindowHarness> {
  requireBuiltRenderer();
  const home = await scratchFolder('taskwatch-ui-');
  await options.prepareHome?.(home.path);
  const opened: string[] = [];
  const navigateListeners = new Set<(ref: TaskRef) => void>();
  const exports = new Map<string, string>();
  const service = await createTaskwatchService({
    home: home.path,
    secrets: options.secrets,
    notifier: new RecordingNotifier(),
    saveExport: async (fileName, content) => {
      exports.set(fileName, content);
      return { saved: true, fileName };
    },
    openExternal: async (url) => void opened.push(url),
  });
  await service.start();
  const bridge = await startBridge({
    handlers: service.handlers,
    onSnapshot: (listener) => service.onEvent('snapshot', listener),
    // In the app a notification click pushes `navigate`; here the test plays the notification.
    onNavigate: (listener) => {
      navigateListeners.add(listener);
      return () => navigateListeners.delete(listener);
    },
    rendererDir,
  });
  const chromium = await launchChromium(options);
  const page = chromium.page;
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error('page error:', error.message));

  return {
    service,
    bridge,
    chromium,
    page,
    opened,
    exports,
    navigate: (ref) => navigateListeners.forEach((listener) => listener(ref)),
    async load() {
      await page.goto(bridge.url);
      await page.locator('main').getByText('Loading…').waitFor({ state: 'detached' });
    },
    async screenshot(name) {
      await mkdir(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      await writeFile(path, await page.screenshot());
      return path;
    },
    async close() {
      await chromium.close();
      await bridge.close();
      await service.stop();
      await home.remove();
    },
  };
}
