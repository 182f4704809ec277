import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { invokeCommand } from '../../src-main/core/dispatch';
import { silentLogger } from '../../src-main/core/ports';
import { axeViolations } from './axe';
import { startDemoWindow, type DemoWindow } from './demo-window';
import { focused, taskRow } from './page-helpers';

let demo: DemoWindow;
let page: Page;

beforeAll(async () => {
  demo = await startDemoWindow({ empty: true });
  page = demo.window.page;
});

afterAll(async () => {
  await demo?.close();
});

const nav = (name: string | RegExp) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });

/** Each view as the admin reaches it; axe then checks the whole document. */
const views: Array<[string, () => Promise<void>]> = [
  ['the task table with the overview of problem portals', async () => {
    await nav(/Tasks/).click();
    await page.locator('tr.task-row').first().waitFor();
  }],
  ['a task with its run history picture', async () => {
    await taskRow(page, 'weeklyBackup').first().click();
    await page.locator('#history-title').getByText(/\(\d+ runs\)/).waitFor();
  }],
  ['the portals with the add form open', async () => {
    await nav('Portals').click();
    await page.getByRole('button', { name: 'Add a portal' }).click();
    await page.locator('#pf-url').waitFor();
  }],
  ['a confirmation dialog', async () => {
    await page.getByRole('button', { name: 'Remove Test portal' }).click();
    await page.getByRole('dialog').waitFor();
  }],
  ['the settings', async () => {
    await page.keyboard.press('Escape');
    await nav('Settings').click();
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
  }],
  ['the channels with the add form open', async () => {
    await addRouting();
    await nav('Channels').click();
    if (!(await page.locator('#cf-name').isVisible())) await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.locator('li.channel-card').first().waitFor();
  }],
  ['a muted portal in maintenance, with the maintenance form open', async () => {
    await nav('Portals').click();
    const add = page.getByRole('button', { name: 'Add a maintenance window to Test portal' });
    if (await add.isVisible()) await add.click();
    await page.getByRole('form', { name: 'Add a maintenance window to Test portal' }).waitFor();
  }],
  ['a muted task in the table', async () => {
    await nav(/Tasks/).click();
    await page.locator('.muted-icon').first().waitFor();
  }],
];

/** One channel of each shape, a muted task and portal, and a maintenance window open now, through the real service. */
async function addRouting() {
  const { service } = demo.window;
  if (service.channels.list().length) return;
  await service.channels.add({ name: 'ops-mail', kind: 'email', host: 'smtp.example.com', port: 587, username: 'taskwatch', from: 'taskwatch@example.com', to: ['gis-admins@example.com'] }, 'smtp-password');
  await service.channels.add({ name: 'teams-gis', kind: 'teams', alertKinds: ['failed-run', 'overdue'], minSeverity: 'critical', remindEveryHours: 12 }, 'https://example.webhook.office.com/hook');
  const [test] = service.snapshot().portals.filter((portal) => portal.label === 'Test portal');
  const task = service.snapshot().tasks.find((candidate) => candidate.portalId !== test!.id)!;
  await invokeCommand(service.handlers, 'mute', { portalId: task.portalId, taskId: task.id, until: { kind: 'recovery' } }, silentLogger);
  await invokeCommand(service.handlers, 'mute', { portalId: test!.id, until: { kind: 'time', at: Date.now() + 3_600_000 } }, silentLogger);
  await invokeCommand(service.handlers, 'addMaintenance', { portalId: test!.id, label: 'Patch night', timeZone: 'UTC', when: { kind: 'cron', cron: '0 0 * * * ?', durationMinutes: 60 } }, silentLogger);
}

describe('accessibility of every view (axe-core, WCAG A/AA and best practices)', () => {
  it('has no violations on the first start, in light and dark', async () => {
    await page.getByRole('button', { name: 'Add a portal' }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await demo.window.chromium.setColorScheme(scheme);
      expect(await axeViolations(page)).toEqual([]);
    }
    await demo.window.chromium.setColorScheme('light');
    await demo.addPortals();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it.each(views)(`has no violations in %s (${scheme})`, async (_, reach) => {
      await demo.window.chromium.setColorScheme(scheme);
      await reach();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('starts Tab with a skip link that lands on the task table', async () => {
    // A fresh start of the window, so Tab begins at the top of the document.
    await page.goto('about:blank');
    await demo.window.load();
    await page.locator('tr.task-row').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Skip to the task table' });
    expect(await page.getByRole('link', { name: 'Skip to the task table' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'TR', index: '0' });
  });
});
