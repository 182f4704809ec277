import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configPath, loadConfig } from '../../../src-main/core/store/config';
import { loadState, saveState, statePath } from '../../../src-main/core/store/state-store';
import { scratchFolder } from '../../support/core-harness';

const NOW = Date.UTC(2026, 10, 20, 4);
const alert = { key: 'run:a', kind: 'failed-run', portalId: 'https://gis.example.com/portal', title: 't', body: 'b', createdAt: NOW } as const;

describe('channels in config.json and state.json', () => {
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  beforeEach(async () => {
    home = await scratchFolder();
  });
  afterEach(() => home.remove());

  it('loads files written before channels existed, with no channel and nothing queued', async () => {
    await writeFile(configPath(home.path), JSON.stringify({ version: 1, portals: [], settings: {} }));
    await writeFile(statePath(home.path), JSON.stringify({ version: 2, portals: {}, alerted: {}, outbox: [] }));
    const config = await loadConfig(home.path, NOW);
    const state = await loadState(home.path, NOW);
    expect([config.status, config.value.channels]).toEqual(['loaded', []]);
    expect([state.status, state.value.channels]).toEqual(['loaded', {}]);
  });

  it('keeps a channel\u2019s outbox, retry and not-delivered list across a restart', async () => {
    const state = (await loadState(home.path, NOW)).value;
    state.channels.ops = {
      outbox: [alert],
      delivery: { failingSince: NOW, failures: 2, nextAttemptAt: NOW + 120_000 },
      lastError: 'The webhook answered HTTP 503.',
      undelivered: [{ alert: { ...alert, key: 'run:old' }, reason: 'The webhook could not be reached.', at: NOW }],
    };
    await saveState(home.path, state);
    expect((await loadState(home.path, NOW)).value.channels).toEqual(state.channels);
  });

  it('sets aside a config whose channel is not valid, rather than guessing', async () => {
    await writeFile(configPath(home.path), JSON.stringify({ version: 1, portals: [], channels: [{ name: 'bad name!', kind: 'slack' }] }));
    expect((await loadConfig(home.path, NOW)).status).toBe('kept-aside');
  });
});
