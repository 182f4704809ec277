import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookChannel } from '../../src-main/contract/routing';
import { channelSecretAccount } from '../../src-main/core/channels/channel-config';
import { emptyConfig, saveConfig } from '../../src-main/core/store/config';
import { emptyChannelQueue, emptyState } from '../../src-main/core/store/state';
import { saveState } from '../../src-main/core/store/state-store';
import { MemorySecrets } from '../support/core-harness';
import { startWindow, type WindowHarness } from './window-harness';

const HOOK = 'https://hooks.example.com/services/5ecret-91d2';
const GAVE_UP_AT = Date.parse('2026-11-20T05:10:00Z');

/**
 * What a channel gave up on after an hour of retries stays in sight with the reason, also after a restart:
 * the home holds a webhook channel that gave up on a failed-run alert (a real service reads it).
 */
describe("a channel's undelivered alerts in the window", () => {
  let window: WindowHarness;
  const answers: string[] = [];

  beforeAll(async () => {
    const secrets = new MemorySecrets();
    await secrets.set(channelSecretAccount('ops-hook'), HOOK);
    window = await startWindow({
      secrets,
      prepareHome: async (home) => {
        const config = emptyConfig();
        config.channels.push(WebhookChannel.parse({ name: 'ops-hook', kind: 'webhook' }));
        await saveConfig(home, config);
        const state = emptyState();
        const alert = {
          key: 'failed-run:prod:backup:r42',
          kind: 'failed-run' as const,
          portalId: 'https://gis.example.com/portal',
          taskId: 'backup',
          runId: 'r42',
          title: 'nightlyBackup failed',
          body: 'Backup failed: disk full.',
          createdAt: GAVE_UP_AT - 3_600_000,
        };
        state.channels['ops-hook'] = { ...emptyChannelQueue(), undelivered: [{ alert, reason: 'The webhook answered HTTP 503.', at: GAVE_UP_AT }] };
        await saveState(home, state);
      },
    });
    window.page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) void response.text().then((body) => answers.push(body), () => {});
    });
    await window.load();
  });

  afterAll(async () => {
    await window?.close();
  });

  it('lists the alert as not delivered with the reason, and counts the channel as failing on its tab', async () => {
    const { page } = window;
    const tab = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Channels/ });
    expect(await tab.textContent()).toMatch(/Channels\s*1/);
    await tab.click();
    const card = page.locator('li.channel-card', { has: page.getByRole('heading', { name: 'ops-hook', exact: true }) });
    await card.getByRole('heading', { name: 'Not delivered (1)' }).waitFor();
    const item = card.locator('.undelivered li');
    expect(await item.textContent()).toContain('nightlyBackup failed');
    expect(await item.textContent()).toContain('The webhook answered HTTP 503.');
    expect(await item.textContent()).toMatch(/given up .*20/);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.some((body) => body.includes('5ecret-91d2'))).toBe(false);
  });
});
