// The README's screenshots, taken from the demo portals in real Chromium: the task table wide and
// narrow, a task's run history, the portals, the channels, mutes and maintenance windows, light and dark.
// Run after a build:  npx electron-vite build && node test/renderer/readme-screenshots.mjs
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(import.meta.dirname, 'screenshots');
const { module: fixture } = await runnerImport(resolve(import.meta.dirname, 'demo-window.ts'), { root, configFile: false, logLevel: 'silent' });
const { module: webhooks } = await runnerImport(resolve(import.meta.dirname, '../support/webhook-receiver.ts'), { root, configFile: false, logLevel: 'silent' });
const receiver = await webhooks.startWebhookReceiver();
const demo = await fixture.startDemoWindow({ viewport: { width: 1400, height: 820 }, empty: true });
const { page, chromium, service } = demo.window;
// Channels before the first poll, so its alerts go out: Teams takes them, the webhook answers 503 (retried, visible).
receiver.answer('/ops', 503);
await service.channels.add(
  { name: 'gis-admins', kind: 'email', host: 'smtp.example.com', port: 587, username: 'taskwatch', from: 'taskwatch@example.com', to: ['gis-admins@example.com', 'oncall@example.com'], alertKinds: ['failed-run', 'overdue', 'skipped-run', 'stuck', 'portal-unreachable', 'auth-failed', 'recovered'], minSeverity: 'warning', remindEveryHours: 24 },
  'demo-password',
);
await service.channels.add({ name: 'teams-gis', kind: 'teams', minSeverity: 'critical' }, receiver.url('/teams'));
await service.channels.add({ name: 'ops-webhook', kind: 'webhook' }, receiver.url('/ops'));
await demo.addPortals();
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

  // Mutes and a maintenance window open now, then the channels with their delivery state.
  const test = service.snapshot().portals.find((portal) => portal.label === 'Test portal');
  const backup = service.snapshot().tasks.find((task) => task.title === 'weeklyBackup' && task.portalId !== test.id);
  await service.handlers.mute({ portalId: backup.portalId, taskId: backup.id, until: { kind: 'recovery' }, reason: 'Backup share being moved' });
  await service.handlers.mute({ portalId: test.id, until: { kind: 'time', at: Date.now() + 4 * 3_600_000 } });
  await service.handlers.addMaintenance({ portalId: test.id, label: 'Patch night', timeZone: 'Europe/Berlin', when: { kind: 'weekly', days: ['sat'], start: '22:00', end: '02:00' } });
  await service.handlers.addMaintenance({ portalId: test.id, label: 'Reindex hour', timeZone: 'UTC', when: { kind: 'cron', cron: '0 0 * * * ?', durationMinutes: 60 } });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Cancel' }).click();
  for (const scheme of ['light', 'dark']) {
    await chromium.setColorScheme(scheme);
    await page.setViewportSize({ width: 1400, height: 1100 });
    await nav('Portals').click();
    await page.locator('.in-maintenance').first().waitFor();
    await page.locator('li.portal-card', { hasText: 'Test portal' }).scrollIntoViewIfNeeded();
    await shoot(`portals-routing-${scheme}`);
    await nav(/Channels/).click();
    await page.locator('li.channel-card').getByText(/Last attempt failed/).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(200);
    await shoot(`channels-${scheme}`);
  }
  await chromium.setColorScheme('light');
  await page.setViewportSize({ width: 800, height: 1100 });
  await page.waitForTimeout(200);
  await shoot('channels-narrow-light');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.getByRole('button', { name: 'Add a channel' }).click();
  await page.locator('#cf-kind').selectOption('email');
  await page.locator('#cf-name').fill('ops mail');
  await page.getByRole('button', { name: 'Add channel' }).click();
  await page.locator('#cf-name-error').waitFor();
  await shoot('channel-form');
  await nav(/Tasks/).click();
  await page.locator('.muted-icon').first().waitFor();
  await shoot('tasks-muted-light');
} finally {
  await demo.close();
  await receiver.close();
}
console.log(`Screenshots written to ${out}`);
