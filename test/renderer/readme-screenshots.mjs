// The README's screenshots, taken from the demo portals in real Chromium: the task table wide and
// narrow, a task's run history, the portals, light and dark.
// Run after a build:  npx electron-vite build && node test/renderer/readme-screenshots.mjs
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(import.meta.dirname, 'screenshots');
const { module: fixture } = await runnerImport(resolve(import.meta.dirname, 'demo-window.ts'), { root, configFile: false, logLevel: 'silent' });
const demo = await fixture.startDemoWindow({ viewport: { width: 1400, height: 820 } });
const { page, chromium } = demo.window;
await mkdir(out, { recursive: true });
const shoot = (name) => page.screenshot({ path: resolve(out, `${name}.png`) });
const nav = (name) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });

try {
  for (const scheme of ['light', 'dark']) {
    await chromium.setColorScheme(scheme);
    await page.setViewportSize({ width: 1400, height: 820 });
    await nav(/Tasks/).click();
    await page.locator('tr.task-row').first().waitFor();
    await shoot(`tasks-${scheme}`);
    await page.setViewportSize({ width: 800, height: 820 });
    await page.waitForTimeout(200);
    await shoot(`tasks-narrow-${scheme}`);
    await page.setViewportSize({ width: 1400, height: 980 });
    // Light: the stalled cleaner (runs the schedule expected, missing); dark: the one whose runs fail now and then.
    const portal = scheme === 'light' ? 'Test portal' : 'Production portal';
    await page.locator('tr.task-row', { hasText: 'gpCleanerTask' }).filter({ hasText: portal }).click();
    await page.locator('#history-title').getByText(/\(\d+ runs\)/).waitFor();
    await page.waitForTimeout(200);
    await shoot(`task-detail-${scheme}`);
    await page.keyboard.press('Escape');
  }
  await chromium.setColorScheme('light');
  await page.setViewportSize({ width: 1400, height: 820 });
  await nav('Portals').click();
  await page.getByRole('button', { name: 'Add a portal' }).click();
  await page.locator('#pf-url').waitFor();
  await shoot('portal-form');
} finally {
  await demo.close();
}
console.log(`Screenshots written to ${out}`);
