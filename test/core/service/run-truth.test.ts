/**
 * Runs as real portals may list them (the documentation allows all of this): long absences, reused ids,
 * runs without id or date, skipped runs, history the portal no longer keeps. Each case: the failure is
 * alerted exactly once, and nothing else is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import type { Alert } from '../../../src-main/core/store/state';
import { startSimulatedPortal, type SimulatedPortal, type SimTask } from '../../../src-main/sim';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 10, 2, 10, 5);
const lastHour = Date.UTC(2026, 10, 2, 10);

const hourly = (history: SimTask['history'] = []): SimTask => ({
  id: 'gp',
  title: 'gpCleanerTask',
  taskType: 'CleanGPJobs',
  cronExpression: '0 0 * * * ?',
  created: START - 30 * DAY,
  history: [{ startedAt: lastHour, durationMs: 30_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }, ...history],
});

describe('run truth (simulated portal over HTTP, real service)', () => {
  let clock: ManualClock;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let secrets: MemorySecrets;
  let alerts: Alert[];
  const open: TaskwatchService[] = [];

  async function service(): Promise<TaskwatchService> {
    const created = await createTaskwatchService({ home: home.path, secrets, notifier: new RecordingNotifier(), clock, onAlert: (alert) => alerts.push(alert) });
    open.push(created);
    await created.start();
    return created;
  }

  async function firstLook(): Promise<TaskwatchService> {
    const created = await service();
    await created.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    await created.pollOnce();
    return created;
  }

  const alerted = () => alerts.map((alert) => `${alert.kind}:${alert.runId ?? ''}`);
  const gp = (from: TaskwatchService) => from.snapshot().tasks.find((task) => task.id === 'gp')!;

  beforeEach(async () => {
    clock = new ManualClock(START);
    home = await scratchFolder();
    secrets = new MemorySecrets();
    alerts = [];
    sim = await startSimulatedPortal({ now: clock.now, tasks: [hourly()] });
  });

  afterEach(async () => {
    for (const running of open.splice(0)) await running.stop();
    await sim.close();
    await home.remove();
  });

  it('after two weeks away, finds the one failure in the middle of 336 hourly runs, and only it', async () => {
    (await firstLook()).stop();
    sim.addHourlyHistory('gp', { from: lastHour + HOUR, count: 336, failAt: [168], failResult: 'GP job cleanup failed: disk full.' });
    clock.advance(14 * DAY);
    const later = await service();
    await later.pollOnce();
    await later.pollOnce();
    expect(alerts.map((alert) => alert.kind)).toEqual(['failed-run']);
    expect(alerts[0]!.body).toContain('disk full');
    expect(gp(later).health).toBe('ok');
  });

  it('hears a failure that reuses an old run id, once', async () => {
    const watcher = await firstLook();
    clock.advance(HOUR);
    sim.addRuns('gp', [{ startedAt: lastHour + HOUR, status: 'succeeded', result: 'ok', runId: 'r-7' }]);
    await watcher.pollOnce();
    clock.advance(HOUR);
    sim.addRuns('gp', [{ startedAt: lastHour + 2 * HOUR, status: 'failed', result: 'disk full', runId: 'r-7' }]);
    await watcher.pollOnce();
    await watcher.pollOnce();
    expect(alerted()).toEqual(['failed-run:r-7']);
  });

  it('alerts a failed run that came without a runId once, and says so on the task', async () => {
    const watcher = await firstLook();
    clock.advance(HOUR);
    sim.addRuns('gp', [{ startedAt: lastHour + HOUR, status: 'failed', result: 'disk full', runId: null }]);
    await watcher.pollOnce();
    await watcher.pollOnce();
    expect(alerts.map((alert) => alert.kind)).toEqual(['failed-run']);
    expect(gp(watcher).health).toBe('failed');
    expect(gp(watcher).notes.join(' ')).toContain('without a runId');
  });

  it('is not blinded by a run dated in the future: later failures are still alerted and shown as latest', async () => {
    const watcher = await firstLook();
    clock.advance(HOUR);
    sim.addRuns('gp', [{ startedAt: lastHour + HOUR, status: 'succeeded', result: 'ok', created: START + 365 * DAY }]);
    await watcher.pollOnce();
    clock.advance(HOUR);
    sim.addRuns('gp', [{ startedAt: lastHour + 2 * HOUR, status: 'failed', result: 'disk full' }]);
    await watcher.pollOnce();
    expect(alerts.map((alert) => alert.kind)).toEqual(['failed-run']);
    expect(gp(watcher).health).toBe('failed');
    expect(gp(watcher).notes.join(' ')).toContain('in the future');
  });

  it('agrees between check and watch on a failed run without a date', async () => {
    const watcher = await firstLook();
    clock.advance(HOUR);
    sim.addRuns('gp', [{ startedAt: lastHour + HOUR, status: 'failed', result: 'disk full', created: null }]);
    await watcher.pollOnce();
    expect(alerts.map((alert) => alert.kind)).toEqual(['failed-run']);
    expect(gp(watcher).health).toBe('failed');
    await watcher.stop();
    const check = await createTaskwatchService({ home: home.path, secrets, notifier: new RecordingNotifier(), clock, readOnly: true });
    open.push(check);
    await check.start();
    const snapshot = await check.pollOnce();
    expect(snapshot.problems.map((problem) => problem.kind)).toEqual(['failed-run']);
  });

  it('alerts a skipped run as a run that did not happen, once, and not also as overdue', async () => {
    const watcher = await firstLook();
    // The occurrence at 11:00 is skipped: listed, but the task never started (lastStart stays at 10:00).
    sim.addRuns('gp', [{ startedAt: lastHour + HOUR, status: 'skipped', result: 'The previous run was still going.' }]);
    sim.updateTask('gp', { lastStart: lastHour });
    for (let minutes = 0; minutes < 50; minutes += 5) {
      clock.advance(5 * 60_000);
      await watcher.pollOnce();
    }
    expect(alerts.map((alert) => alert.kind)).toEqual(['skipped-run']);
    expect(gp(watcher).health).toBe('skipped');
  });

  it('says how many runs went unchecked when the portal no longer keeps the history back to the last one seen', async () => {
    (await firstLook()).stop();
    sim.addHourlyHistory('gp', { from: lastHour + HOUR, count: 48 });
    sim.forgetRunsBefore('gp', lastHour + 10 * HOUR);
    clock.advance(2 * DAY);
    const later = await service();
    await later.pollOnce();
    await later.pollOnce();
    expect(alerts.map((alert) => alert.kind)).toEqual(['runs-unchecked']);
    expect(alerts[0]!.title).toMatch(/^9 runs of gpCleanerTask could not be checked/);
  });

  it('raises no alert when a long absence leaves nothing unchecked', async () => {
    (await firstLook()).stop();
    sim.addHourlyHistory('gp', { from: lastHour + HOUR, count: 130 });
    clock.advance(130 * HOUR);
    const later = await service();
    await later.pollOnce();
    expect(alerts).toEqual([]);
    expect(gp(later).health).toBe('ok');
  });

  for (const paging of ['honour', 'ignore', 'oldest-first'] as const) {
    it(`with 300 runs of history and a portal whose paging is '${paging}', announces each new failure once and no old one`, async () => {
      sim.setRunsPaging(paging);
      sim.addHourlyHistory('gp', { from: lastHour - 300 * HOUR, count: 299, failAt: [20, 120, 250, 290] });
      const watcher = await firstLook();
      for (let hour = 1; hour <= 6; hour++) {
        clock.advance(HOUR);
        sim.addRuns('gp', [{ startedAt: lastHour + hour * HOUR, status: hour % 3 === 0 ? 'failed' : 'succeeded', result: `run ${hour}` }]);
        await watcher.pollOnce();
      }
      expect(alerts.map((alert) => alert.body.split('\n')[1])).toEqual(['run 3', 'run 6']);
      expect(gp(watcher).lastRun?.result).toBe('run 6');
    });
  }

  for (const embed of ['current', 'snapshot'] as const) {
    it(`reads the same whether each run embeds the task as it is now or as it was (${embed})`, async () => {
      sim.setRunsEmbed(embed);
      const watcher = await firstLook();
      clock.advance(HOUR);
      sim.completeRun('gp', { status: 'succeeded', result: 'GP Jobs have been cleaned.' });
      await watcher.pollOnce();
      expect(gp(watcher).health).toBe('ok');
      // The task stops running: overdue (a due run never happened), not stuck.
      sim.stall('gp');
      for (let minutes = 0; minutes < 90; minutes += 5) {
        clock.advance(5 * 60_000);
        await watcher.pollOnce();
      }
      expect(gp(watcher).health).toBe('overdue');
      expect(alerts.map((alert) => alert.kind)).toEqual(['overdue']);
    });
  }

  it('reads a runs answer with the documented missing comma, and alerts its failure once', async () => {
    const watcher = await firstLook();
    clock.advance(HOUR);
    sim.completeRun('gp', { status: 'failed', result: 'disk full' });
    sim.failAlways('/runs', 'missing-comma');
    await watcher.pollOnce();
    await watcher.pollOnce();
    expect(gp(watcher).health).toBe('failed');
    expect(alerts.map((alert) => alert.kind)).toEqual(['failed-run']);
  });
});
