import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerView } from '../../../src-main/core/monitor/run-ledger';
import { StateStore, loadState, saveState, statePath } from '../../../src-main/core/store/state-store';
import { emptyPortalHealth, emptyPortalZone } from '../../../src-main/core/store/state';
import { filesUnder } from '../../cli/run-cli';
import { scratchFolder } from '../../support/core-harness';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const PORTAL = 'https://gis.example.com/portal';

/** A state.json as Taskwatch 0.1 wrote it: 200 remembered run ids, 10 cached runs. */
function versionOneState() {
  const ids = Array.from({ length: 200 }, (_, index) => `run-${index}`);
  const runs = ids.slice(0, 10).map((id, index) => ({ id, status: 'succeeded', result: 'ok', created: NOW - (index + 1) * HOUR, modified: NOW - (index + 1) * HOUR, startedAt: NOW - (index + 1) * HOUR - 30_000 }));
  const task = { id: 'gp', title: 'gp', taskType: 'CleanGPJobs', type: '', state: 'active', active: true, cronExpression: '0 0 * * * ?', cronSchedule: null, runIntervalSeconds: 3600, startDate: null, maxOccurrences: -1, lastStart: NOW - HOUR - 30_000, created: 0, updated: 0, generation: 1, parameters: {} };
  return {
    version: 1,
    portals: { [PORTAL]: { baselined: true, tasks: { gp: { task, runs, seenRunIds: ids, runCount: 200, activeSince: null, firstSeenAt: 0 } }, health: { status: 'ok', message: null, since: 1, lastSuccessAt: 1, lastAttemptAt: 1, consecutiveFailures: 0 } } },
    alerted: { 'run:x:gp:run-3': NOW - 3 * HOUR },
    outbox: [],
  };
}

describe('state.json', () => {
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  beforeEach(async () => {
    home = await scratchFolder();
  });
  afterEach(() => home.remove());

  it('upgrades a version 1 file: every alert and every run seen is kept, no old run becomes news', async () => {
    await writeFile(statePath(home.path), JSON.stringify(versionOneState()));
    const loaded = await loadState(home.path, NOW);
    expect(loaded.status).toBe('loaded');
    const state = loaded.value;
    expect(state.version).toBe(3);
    expect(state.alerted).toEqual({ 'run:x:gp:run-3': NOW - 3 * HOUR });
    const task = state.portals[PORTAL]!.tasks.gp!;
    const view = new LedgerView(task.ledger, NOW);
    for (let index = 0; index < 200; index++) {
      // Runs older than the cached ten were remembered by id only: they must stay old news.
      const created = NOW - (index + 1) * HOUR;
      expect(view.isNews({ id: `run-${index}`, created }, 'failure')).toBe(false);
    }
    expect(view.isNews({ id: 'brand-new', created: NOW - 60_000 }, 'failure')).toBe(true);
    // Start times came from the embedded task copy in version 1: not a per-run fact, so dropped.
    expect(task.runs.every((run) => run.startedAt === null)).toBe(true);
    await saveState(home.path, state);
    expect((await loadState(home.path, NOW)).value).toEqual(state);
  });

  it('keeps no backup passcode that a file from an earlier Taskwatch still holds, once loaded and saved', async () => {
    const old = versionOneState();
    old.portals[PORTAL]!.tasks.gp!.task.parameters = { passcode: '{crypt}3ngE7lQuQGDfaiab4uogjg==', retain: 3 } as never;
    await writeFile(statePath(home.path), JSON.stringify(old));
    const state = (await loadState(home.path, NOW)).value;
    expect(state.portals[PORTAL]!.tasks.gp!.task.parameters).toEqual({ passcode: '[redacted]', retain: 3 });
    await saveState(home.path, state);
    const written = await Promise.all(filesUnder(home.path).map((file) => readFile(file, 'utf8')));
    expect(written.join('\n')).toContain('[redacted]');
    expect(written.join('\n')).not.toContain('3ngE7lQuQGDfaiab4uogjg');
  });

  it('upgrades a version 2 file to a file per portal, keeping every alert and run; an upgrade cut short leaves the old file in charge', async () => {
    await writeFile(statePath(home.path), JSON.stringify(versionOneState()));
    const version2 = { ...(await loadState(home.path, NOW)).value, version: 2 };
    const text = JSON.stringify(version2);
    await writeFile(statePath(home.path), text);
    const { store, loaded } = await StateStore.open(home.path, NOW);
    expect(loaded.status).toBe('loaded');
    // Cut short: the portal's file is written (first), then state.json is not.
    const before = store.state.portals[PORTAL]!.tasks.gp!;
    store.state.portals[PORTAL]!.tasks.gp = { ...before, ledger: { through: NOW, recent: [], open: [] } };
    await saveState(home.path, store.state);
    await writeFile(statePath(home.path), text);
    const again = await loadState(home.path, NOW);
    expect(again.value.portals[PORTAL]!.tasks.gp!.ledger).toEqual(before.ledger);

    const upgrade = await StateStore.open(home.path, NOW);
    await upgrade.store.save();
    const global = JSON.parse(await readFile(statePath(home.path), 'utf8')) as Record<string, unknown>;
    expect(global).toMatchObject({ version: 3, alerted: { 'run:x:gp:run-3': NOW - 3 * HOUR } });
    expect(global).not.toHaveProperty('portals');
    expect((await loadState(home.path, NOW)).value).toEqual({ ...version2, version: 3 });

    // A portal removed and added again before the next save starts afresh, on disk too.
    const fresh = { ...upgrade.store.state.portals[PORTAL]!, baselined: false, tasks: {} };
    delete upgrade.store.state.portals[PORTAL];
    upgrade.store.state.portals[PORTAL] = fresh;
    await upgrade.store.save();
    expect((await loadState(home.path, NOW)).value.portals[PORTAL]).toEqual(fresh);

    // A portal removed takes its file with it.
    delete upgrade.store.state.portals[PORTAL];
    await upgrade.store.save();
    expect(filesUnder(home.path).filter((file) => file.includes('portal-state'))).toEqual([]);
  });

  it('writes every changed portal of many, a group at a time, and leaves the files of the others as they were', async () => {
    const { store } = await StateStore.open(home.path, NOW);
    const ids = Array.from({ length: 30 }, (_, index) => `https://gis${index}.example.com/portal`);
    for (const id of ids) store.state.portals[id] = { baselined: true, tasks: {}, health: emptyPortalHealth(), zone: emptyPortalZone() };
    await store.save();
    expect(Object.keys((await loadState(home.path, NOW)).value.portals).sort()).toEqual([...ids].sort());

    const portalFiles = async () => new Map(await Promise.all(filesUnder(home.path).filter((file) => file.includes('portal-state')).map(async (file) => [file, await readFile(file, 'utf8')] as const)));
    const before = await portalFiles();
    for (const id of ids.slice(0, 20)) {
      store.state.portals[id]!.health = { ...emptyPortalHealth(), message: 'changed' };
      store.changed(id);
    }
    await store.save();
    const again = (await loadState(home.path, NOW)).value.portals;
    expect(ids.filter((id) => again[id]!.health.message === 'changed')).toEqual(ids.slice(0, 20));
    const after = await portalFiles();
    expect([...after].filter(([file, text]) => before.get(file) === text)).toHaveLength(10);
  });

  it('keeps a file it cannot read aside, untouched, and starts afresh', async () => {
    const text = JSON.stringify({ ...versionOneState(), version: 7 });
    await writeFile(statePath(home.path), text);
    const loaded = await loadState(home.path, NOW);
    expect(loaded.status).toBe('kept-aside');
    const [kept] = (await readdir(home.path)).filter((name) => name.startsWith('state.json.invalid-'));
    expect(await readFile(`${home.path}/${kept}`, 'utf8')).toBe(text);
    expect(loaded.value.portals).toEqual({});
  });
});
