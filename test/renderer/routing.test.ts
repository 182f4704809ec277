import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoScenarios } from '../../src-main/sim';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { startDemoWindow, type DemoWindow } from './demo-window';
import { focused, taskRow, waitUntil } from './page-helpers';

// The webhook URLs are the channels' secrets: their paths must never come back to the window.
const GOOD_HOOK = '/hooks/good-5ecret-4f1c9e';
const FAILING_HOOK = '/hooks/failing-5ecret-77ab20';

let demo: DemoWindow;
let page: Page;
let receiver: WebhookReceiver;
/** Every answer the bridge gave the window (commands, not the event stream). */
const answers: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  demo = await startDemoWindow();
  page = demo.window.page;
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/') && !response.url().endsWith('/api/events')) {
      void response.text().then((body) => answers.push(body), () => {});
    }
  });
});

afterAll(async () => {
  await demo?.close();
  await receiver?.close();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
const card = (name: string) => page.locator('li.channel-card', { has: page.getByRole('heading', { name, exact: true }) });

async function addWebhook(name: string, path: string) {
  await page.getByRole('button', { name: 'Add a channel' }).click();
  await page.locator('#cf-name').fill(name);
  await page.locator('#cf-kind').selectOption('webhook');
  await page.locator('#cf-url').fill(receiver.url(path));
  await page.getByRole('button', { name: 'Add channel' }).click();
  await card(name).waitFor();
}

describe('channels, mutes and maintenance windows in the window (real service, real receiver)', () => {
  it('refuses an incomplete channel with one sentence per field, before sending anything', async () => {
    await nav('Channels').click();
    await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.locator('#cf-name').fill('ops hook');
    await page.getByRole('button', { name: 'Add channel' }).click();
    expect(await page.locator('#cf-name-error').textContent()).toContain('A channel name is 1 to 40 letters');
    expect(await page.locator('#cf-url-error').textContent()).toContain('Enter the webhook URL, starting with https://');
    await page.locator('#cf-kind').selectOption('email');
    await page.locator('#cf-name').fill('ops-mail');
    await page.locator('#cf-from').fill('not an address');
    await page.getByRole('button', { name: 'Add channel' }).click();
    expect(await page.locator('#cf-host-error').textContent()).toContain("Enter the mail server's host name");
    expect(await page.locator('#cf-from-error').textContent()).toContain('Enter the sender address');
    expect(await page.locator('#cf-to-error').textContent()).toContain('one or more recipient addresses');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(demo.window.service.channels.list()).toEqual([]);
  });

  it('adds a webhook channel and its "Send test" reaches the receiver, and the window says so', async () => {
    await addWebhook('ops-hook', GOOD_HOOK);
    await expect(card('ops-hook').textContent()).resolves.toContain('URL saved in the keychain');
    await card('ops-hook').getByRole('button', { name: 'Send test to ops-hook' }).click();
    await card('ops-hook').getByText('Test message sent: ops-hook took it.').waitFor();
    expect(receiver.received(GOOD_HOOK)).toEqual([expect.objectContaining({ kind: 'test', message: expect.stringContaining('ops-hook') })]);
  });

  it('edits a channel without typing its URL again: the one in the keychain is kept', async () => {
    await card('ops-hook').getByRole('button', { name: 'Edit ops-hook' }).click();
    expect(await page.locator('#cf-url').inputValue()).toBe('');
    await page.locator('#cf-severity').selectOption('critical');
    await page.locator('#cf-remind').fill('12');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await card('ops-hook').getByText('every 12 h while a problem is open').waitFor();
    expect(await card('ops-hook').textContent()).toContain('Only critical (failed or missed runs');
    await card('ops-hook').getByRole('button', { name: 'Send test to ops-hook' }).click();
    await waitUntil('the receiver got the second test', () => receiver.received(GOOD_HOOK).length === 2);
  });

  it('shows why a failing channel did not take the test message', async () => {
    receiver.answer(FAILING_HOOK, 500);
    await addWebhook('failing-hook', FAILING_HOOK);
    await card('failing-hook').getByRole('button', { name: 'Send test to failing-hook' }).click();
    await card('failing-hook').getByText('Could not do that: The webhook answered HTTP 500.').waitFor();
    expect(receiver.attempts(FAILING_HOOK)).toBe(1);
  });

  it('shows a real alert waiting in the failing channel with the reason, while the working one got it', async () => {
    const production = demoScenarios()[0]!;
    const cleaner = production.tasks.find((task) => task.title === 'gpCleanerTask')!;
    // The newest start (lastStart moves, as at a portal): a run dated before the demo's own run on the hour would
    // show up in the past, unannounced by lastStart, and a poll rightly leaves such a quiet task unread.
    demo.sims[0]!.addRuns(cleaner.id, [{ status: 'failed', result: 'GP job cleanup failed: disk full', startedAt: Date.now() - 2_000, durationMs: 1_000 }]);
    await demo.window.service.pollOnce();
    // At least this one: a test that runs just after the hour may also see the demo's hourly tasks' news.
    await card('failing-hook').getByText(/\d+ alerts? waiting\. Last attempt failed: The webhook answered HTTP 500\./).waitFor();
    await card('failing-hook').getByText(/Next attempt/).waitFor();
    await waitUntil('the working channel got the alert', () => receiver.received(GOOD_HOOK).some((body) => (body as { kind: string }).kind === 'failed-run'));
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Channels 1 channels failing/ }).waitFor();
  });

  it('removes a channel after confirmation, keychain entry included', async () => {
    await card('failing-hook').getByRole('button', { name: 'Remove failing-hook' }).click();
    await page.getByRole('dialog', { name: 'Remove failing-hook?' }).getByRole('button', { name: 'Remove channel' }).click();
    await card('failing-hook').waitFor({ state: 'detached' });
    expect(demo.window.service.channels.list().map((status) => status.channel.name)).toEqual(['ops-hook']);
    await expect(card('ops-hook').isVisible()).resolves.toBe(true);
  });

  it('mutes a task from its detail, marks it in the table, and unmutes it', async () => {
    await nav('Tasks').click();
    await taskRow(page, 'weeklyBackup').first().click();
    await page.getByRole('combobox', { name: 'Mute alerts' }).selectOption('recovery');
    await page.getByRole('button', { name: 'Mute weeklyBackup' }).click();
    await page.locator('.detail').getByText('Muted until it recovers').waitFor();
    // The keyboard stays on the control: Unmute now has the focus.
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: expect.stringContaining('Unmute') });
    const [mute] = demo.window.service.routing.mutes();
    expect(mute).toMatchObject({ taskId: expect.any(String), until: { kind: 'recovery' } });

    await page.getByRole('button', { name: /All tasks/ }).click();
    const mark = taskRow(page, 'weeklyBackup').first().locator('.muted-icon');
    expect(await mark.getAttribute('title')).toBe('Muted until it recovers');
    expect(await taskRow(page, 'weeklyBackup').first().locator('th').textContent()).toMatch(/^weeklyBackup\s\(muted\)$/);

    await taskRow(page, 'weeklyBackup').first().click();
    await page.getByRole('button', { name: 'Unmute weeklyBackup' }).click();
    await page.getByRole('button', { name: 'Mute weeklyBackup' }).waitFor();
    expect(demo.window.service.routing.mutes()).toEqual([]);
    await page.getByRole('button', { name: /All tasks/ }).click();
    // The window hears of the unmute through its routing answer: the mark goes once that arrived.
    await taskRow(page, 'weeklyBackup').first().locator('.muted-icon').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('mutes a whole portal for a while, with the time and its zone shown', async () => {
    await nav('Portals').click();
    const portal = page.locator('li.portal-card', { has: page.getByRole('heading', { name: 'Test portal' }) });
    await portal.getByRole('combobox', { name: 'Mute alerts' }).selectOption('1');
    await portal.getByRole('button', { name: 'Mute Test portal' }).click();
    const mark = portal.locator('.muted-mark');
    await mark.waitFor();
    // "Muted until 17:02 UTC": a clock time with its zone.
    expect(await mark.textContent()).toMatch(/Muted until .*\d{1,2}:\d{2}.*\b(UTC|GMT)/);
    await portal.getByRole('button', { name: 'Unmute Test portal' }).click();
    await mark.waitFor({ state: 'detached' });
    expect(demo.window.service.routing.mutes()).toEqual([]);
  });

  it('adds a maintenance window that is open now, marks the portal, and removes it', async () => {
    const portal = page.locator('li.portal-card', { has: page.getByRole('heading', { name: 'Test portal' }) });
    await portal.getByRole('button', { name: 'Add a maintenance window to Test portal' }).click();
    const form = portal.getByRole('form', { name: 'Add a maintenance window to Test portal' });
    await form.getByLabel('Repeats').selectOption('once');
    await form.getByLabel('Label (optional)').fill('Patch night');
    await form.getByLabel('Time zone').fill('UTC');
    const wall = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    // Ends before it starts: refused in one sentence, nothing saved.
    await form.getByLabel('Starts').fill(wall(Date.now() + 3_600_000));
    await form.getByLabel('Ends').fill(wall(Date.now() - 3_600_000));
    await form.getByRole('button', { name: 'Add window' }).click();
    await form.getByText('The window must end after it starts.').waitFor();
    expect(demo.window.service.routing.maintenanceWindows()).toEqual([]);

    await form.getByLabel('Starts').fill(wall(Date.now() - 3_600_000));
    await form.getByLabel('Ends').fill(wall(Date.now() + 3_600_000));
    await form.getByRole('button', { name: 'Add window' }).click();
    await portal.locator('.head').getByText(/In maintenance until/).waitFor();
    expect(await portal.locator('.maintenance li').textContent()).toContain('Patch night');
    expect(demo.window.service.routing.maintenanceWindows()).toMatchObject([{ label: 'Patch night', timeZone: 'UTC', when: { kind: 'once' } }]);

    await portal.getByRole('button', { name: /^Remove maintenance window Patch night/ }).click();
    await portal.locator('.maintenance li').waitFor({ state: 'detached' });
    expect(await portal.locator('.head').textContent()).not.toContain('In maintenance');
    expect(demo.window.service.routing.maintenanceWindows()).toEqual([]);
  });

  it('never sent a channel secret back to the window', async () => {
    await waitUntil('the window has asked for the routing', () => answers.some((body) => body.includes('"channels"')));
    expect(answers.length).toBeGreaterThan(10);
    for (const body of answers) {
      expect(body).not.toContain('5ecret');
      expect(body).not.toContain(receiver.url('/'));
    }
  });
});
