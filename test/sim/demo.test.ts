import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { scratchFolder } from '../support/core-harness';
import { rowTitles, taskRow, waitUntil } from '../renderer/page-helpers';

/**
 * `npm run demo` as a newcomer meets it on a machine with Node only: the built entry as a child process with
 * no D-Bus session (so no keychain and no notification service) and no display (so no Electron window).
 */
const DEMO = join(import.meta.dirname, '../../out/main/demo.js');

interface RunningDemo {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

let scratch: Awaited<ReturnType<typeof scratchFolder>>;
const home = () => join(scratch.path, 'home');
const demoHome = () => join(scratch.path, 'tmp', 'taskwatch-demo');

function startDemo(): Promise<RunningDemo> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home(), TMPDIR: join(scratch.path, 'tmp') };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'TASKWATCH_HOME']) delete env[name];
  const child = spawn(process.execPath, [DEMO], { env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no address within 30 s:\n${output}`)), 30_000);
    const seek = () => {
      const url = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/#bridge=\S+)$/m.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', seek);
      resolve({ child, url, output: () => output });
    };
    child.stdout.on('data', seek);
    child.on('exit', (code) => reject(new Error(`the demo exited (${code}) before serving the window:\n${output}`)));
  });
}

function stop(demo: RunningDemo): Promise<number | null> {
  return new Promise((resolve) => {
    demo.child.removeAllListeners('exit');
    demo.child.once('exit', (code) => resolve(code));
    demo.child.kill('SIGTERM');
  });
}

/** Loads the printed address in Chromium and waits for the demo's tasks: a failed backup on top. */
async function expectDemoWindow(url: string): Promise<void> {
  const chromium = await launchChromium();
  try {
    const page = chromium.page;
    await page.goto(url);
    await taskRow(page, 'nightlyBackup').waitFor({ timeout: 20_000 });
    await waitUntil('all three demo portals are polled', async () => {
      const portals = await page.locator('td.col-portal').allTextContents();
      return ['Production portal', 'Enterprise on Kubernetes', 'Test portal'].every((name) => portals.includes(name));
    }, 20_000);
    expect((await rowTitles(page))[0]).toBe('nightlyBackup');
    expect(await taskRow(page, 'nightlyBackup').textContent()).toMatch(/failed/i);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/keychain|No password|Credentials rejected/i);
  } finally {
    await chromium.close();
  }
}

beforeAll(async () => {
  expect(existsSync(DEMO), 'run `npm run build` first: this test runs the built demo').toBe(true);
  scratch = await scratchFolder('taskwatch-demo-test-');
  await mkdir(home());
});

afterAll(async () => {
  await scratch?.remove();
});

describe('npm run demo on a machine with Node only (no D-Bus, no keychain, no display)', () => {
  it('serves the window to a browser, prints its address, and shows the three demo portals', async () => {
    const demo = await startDemo();
    expect(demo.output()).toContain('Open the same window in your browser instead');
    try {
      await expectDemoWindow(demo.url);
    } finally {
      expect(await stop(demo)).toBe(0);
    }
  });

  it('runs again on a fresh demo home and works just the same, never writing to your own home', async () => {
    const leftOver = join(demoHome(), 'left-over-from-the-first-run');
    await writeFile(leftOver, '');
    const demo = await startDemo();
    try {
      expect(existsSync(leftOver)).toBe(false);
      await expectDemoWindow(demo.url);
    } finally {
      expect(await stop(demo)).toBe(0);
    }
    // Desktop libraries may leave an empty ~/.cache; Taskwatch itself writes no file there.
    const files = (await readdir(home(), { recursive: true, withFileTypes: true })).filter((entry) => !entry.isDirectory());
    expect(files.map((entry) => entry.name)).toEqual([]);
  });
});
