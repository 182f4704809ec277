/**
 * Portals added without a time zone: the zone is learnt from the portal's own task times, and nothing
 * that depends on it is concluded while it is not known. A configured zone the portal contradicts is
 * said once. Against the demo's own portals (New York, Berlin, UTC; epoch, text and mixed dates).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import type { Alert } from '../../../src-main/core/store/state';
import { demoScenarios, startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2024, 5, 12, 15, 20); // a Wednesday afternoon
const offset = (zone: string, at: number) => new Date(at).toLocaleString('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).split(' ').at(-1);

describe('time zones (demo portals over HTTP, real service)', () => {
  let clock: ManualClock;
  let sims: SimulatedPortal[];
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let alerts: Alert[];
  let service: TaskwatchService;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    home = await scratchFolder();
    alerts = [];
    sims = await Promise.all(demoScenarios(NOW).map((scenario) => startSimulatedPortal({ tasks: scenario, now: clock.now, live: { tickMs: 3_600_000 } })));
    service = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier: new RecordingNotifier(), clock, onAlert: (alert) => alerts.push(alert) });
    await service.start();
  });

  afterEach(async () => {
    await service.stop();
    await Promise.all(sims.map((sim) => sim.close()));
    await home.remove();
  });

  /** A day of polls every 5 minutes, the portals running their schedules on the same clock. */
  async function aDayOfPolls() {
    for (let at = 0; at < 24 * HOUR; at += 5 * MINUTE) {
      clock.advance(5 * MINUTE);
      for (const sim of sims) sim.tick();
      await service.pollOnce();
    }
  }

  it('learns every demo portal\'s zone (from task times, or from new runs where it writes only text), with no false alert', async () => {
    for (const sim of sims) await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    await service.pollOnce();
    const zones = Object.fromEntries(service.snapshot().portals.map((portal) => [portal.label, [portal.timeZoneSource, portal.timeZone]]));
    const scenarios = demoScenarios(NOW);
    for (const [index, sim] of sims.entries()) {
      const scenario = scenarios[index]!;
      const view = service.snapshot().portals.find((portal) => portal.url === sim.baseUrl)!;
      if (scenario.dateFormat === 'text') expect(view.timeZoneSource, JSON.stringify(zones)).toBe('unknown');
      else {
        expect(view.timeZoneSource).toBe('learnt');
        // An equivalent zone is fine: the same offsets now and over the next year.
        for (const at of [NOW, NOW + 120 * 24 * HOUR, NOW + 240 * 24 * HOUR]) expect(offset(view.timeZone, at)).toBe(offset(scenario.timeZone, at));
      }
    }
    await aDayOfPolls();
    // The demo's stalled task is really overdue (one episode); no other task may be overdue or stuck.
    const stalled = scenarios.flatMap((scenario) => scenario.tasks.filter((task) => task.stalled).map((task) => task.id));
    const missedOrStuck = alerts.filter((alert) => alert.kind === 'overdue' || alert.kind === 'stuck').map((alert) => `${alert.kind}:${alert.taskId}`);
    expect(missedOrStuck, JSON.stringify(zones)).toEqual(stalled.map((id) => `overdue:${id}`));
    // Reading the text-only portal's dates in its learnt zone made no run it had seen news again.
    const failedRuns = alerts.filter((alert) => alert.kind === 'failed-run').map((alert) => `${alert.taskId}:${alert.runId}`);
    expect(new Set(failedRuns).size).toBe(failedRuns.length);
    const textPortal = sims[scenarios.findIndex((scenario) => scenario.dateFormat === 'text')]!;
    const learnt = service.snapshot().portals.find((portal) => portal.url === textPortal.baseUrl)!;
    expect(learnt.timeZoneSource).toBe('learnt');
    expect(offset(learnt.timeZone, clock.now())).toBe(offset('America/New_York', clock.now()));
    expect(learnt.timeZoneNote).toMatch(/learnt from when .* appeared/);
  });

  it('warns once when a configured zone contradicts the portal, and not when it fits', async () => {
    const berlin = demoScenarios(NOW).findIndex((scenario) => scenario.timeZone === 'Europe/Berlin');
    await service.handlers.addPortal({ url: sims[berlin]!.baseUrl, username: 'admin', password: 'admin-password', timeZone: 'UTC' });
    await service.pollOnce();
    await service.pollOnce();
    const snapshot = service.snapshot();
    expect(snapshot.portals[0]!.timeZoneNote).toMatch(/fit Europe\/\w+ .*not the configured UTC/);
    expect(snapshot.problems.filter((problem) => problem.kind === 'zone-mismatch')).toHaveLength(1);
    expect(alerts.filter((alert) => alert.kind === 'zone-mismatch')).toHaveLength(1);

    await service.handlers.updatePortal({ id: snapshot.portals[0]!.id, changes: { timeZone: 'Europe/Berlin' } });
    await service.pollOnce();
    expect(service.snapshot().portals[0]!.timeZoneNote).toBeNull();
    expect(service.snapshot().problems.filter((problem) => problem.kind === 'zone-mismatch')).toEqual([]);
  });

  it('moves the dates it stored when it learns a text-only portal\'s zone, so no run it saw becomes news again', async () => {
    const hour = Date.UTC(2024, 5, 12, 15);
    const history = [5, 4, 3, 2, 1, 0].map((back) => ({ startedAt: hour - back * HOUR, durationMs: 30_000, status: back === 2 ? 'failed' : 'succeeded', result: back === 2 ? 'disk full' : 'cleaned' }));
    const newYork = await startSimulatedPortal({
      now: clock.now,
      timeZone: 'America/New_York',
      dateFormat: 'text',
      tasks: [{ id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: NOW - 30 * 24 * HOUR, history }],
    });
    sims.push(newYork);
    await service.handlers.addPortal({ url: newYork.baseUrl, username: 'admin', password: 'admin-password' });
    await service.pollOnce();
    expect(service.snapshot().portals[0]!.timeZoneSource).toBe('unknown');
    for (let poll = 0; poll < 20; poll++) { // until 17:00, before the next run is due
      clock.advance(5 * MINUTE);
      if (poll === 8) newYork.completeRun('gp', { status: 'succeeded', result: 'cleaned' });
      await service.pollOnce();
    }
    const portal = service.snapshot().portals[0]!;
    expect(portal.timeZoneSource).toBe('learnt');
    expect(offset(portal.timeZone, clock.now())).toBe(offset('America/New_York', clock.now()));
    expect(alerts).toEqual([]);
    expect(service.snapshot().tasks[0]!.health).toBe('ok');
  });
});

describe('a run started by hand at half past (simulated portal, manual clock)', () => {
  it('learns no half-hour zone from it: the hourly tasks are not all made overdue', async () => {
    const at = (iso: string) => Date.parse(iso);
    const clock = new ManualClock(at('2026-11-20T10:20:00Z'));
    const home = await scratchFolder();
    const notifier = new RecordingNotifier();
    const tasks = Array.from({ length: 12 }, (_, index) => ({
      id: `task-${index}`,
      title: `cleaner ${index}`,
      taskType: 'CleanGPJobs',
      cronExpression: '0 0 * * * ?',
      created: at('2026-11-10T00:00:00Z'),
      history: [{ startedAt: at('2026-11-20T10:00:00Z'), durationMs: 1_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }],
    }));
    const sim = await startSimulatedPortal({ now: clock.now, tasks });
    const service = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier, clock });
    try {
      await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
      await service.pollOnce();
      clock.advance(at('2026-11-20T10:30:01Z') - clock.now());
      sim.completeRun('task-7', { status: 'succeeded', result: 'Run by hand.' });
      const pollAt = async (iso: string) => {
        clock.advance(at(iso) - clock.now());
        await service.pollOnce();
      };
      await pollAt('2026-11-20T10:31:00Z');
      expect(service.snapshot().portals[0]).toMatchObject({ timeZoneSource: 'unknown' });
      for (const hour of ['10', '11']) {
        for (const minute of ['45', '55']) await pollAt(`2026-11-20T${hour}:${minute}:00Z`);
        await pollAt(`2026-11-20T${Number(hour) + 1}:00:30Z`);
        for (const task of tasks) sim.completeRun(task.id, { status: 'succeeded', result: 'GP Jobs have been cleaned.' }); // on schedule
        await pollAt(`2026-11-20T${Number(hour) + 1}:01:00Z`);
      }
      expect(notifier.shown).toEqual([]);
      expect(service.snapshot().tasks.filter((task) => task.health === 'overdue')).toEqual([]);
    } finally {
      await service.stop();
      await sim.close();
      await home.remove();
    }
  });
});
