import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import { CLOCK_SKEW_MS } from '../../../src-main/core/schedule';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** The real service on the simulated portal (in UTC), after its first poll. */
async function watching(sim: SimulatedPortal, home: string, clock: ManualClock): Promise<{ service: TaskwatchService; portalId: string }> {
  const service = await createTaskwatchService({ home, secrets: new MemorySecrets(), notifier: new RecordingNotifier(), clock });
  const portalId = (await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password', timeZone: 'UTC' })).id;
  await service.start();
  await service.pollOnce();
  return { service, portalId };
}

/** The run history answer says when runs were due, so the window can mark the ones that never happened. */
describe('a task run history with the occurrences its schedule expected', () => {
  let sim: SimulatedPortal;
  let service: TaskwatchService;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let portalId: string;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(at('2026-11-20T10:30:00Z'));
    home = await scratchFolder();
    // Hourly, with the 08:00 run missing.
    const hourly = [6, 7, 9, 10].map((hour) => ({ startedAt: at(`2026-11-20T${String(hour).padStart(2, '0')}:00:05Z`), durationMs: 20_000, status: 'succeeded', result: 'cleaned' }));
    // Twice a weekday (the 2026-11-20 is a Friday), with gaps of 8 h, 16 h and over a weekend.
    const weekdays = ['13T17', '16T09', '17T09', '18T09', '18T17', '19T17'].map((day) => ({
      startedAt: at(`2026-11-${day}:00:05Z`),
      durationMs: 20_000,
      status: 'succeeded',
      result: 'backed up',
    }));
    sim = await startSimulatedPortal({
      now: clock.now,
      tasks: [
        { id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: at('2026-11-01T00:00:00Z'), history: hourly },
        { id: 'weekdays', title: 'backupTask', taskType: 'CreateBackup', cronExpression: '0 0 9,17 ? * MON-FRI', created: at('2026-11-01T00:00:00Z'), history: weekdays },
        { id: 'off', title: 'pausedTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: at('2026-11-01T00:00:00Z'), history: hourly, active: false },
      ],
    });
    ({ service, portalId } = await watching(sim, home.path, clock));
  });

  afterEach(async () => {
    await service.stop();
    await sim.close();
    await home.remove();
  });

  it('lists every due occurrence from the oldest run to the last one past its grace period, newest first', async () => {
    const history = await service.handlers.getRunHistory({ portalId, taskId: 'gp' });
    expect(history.runs).toHaveLength(4);
    expect(history.expected).toEqual([10, 9, 8, 7, 6].map((hour) => at('2026-11-20T00:00:00Z') + hour * HOUR));
    // 08:00 was due and no run came for it.
    const eight = at('2026-11-20T08:00:00Z');
    expect(history.runs.some((run) => run.created !== null && run.created >= eight && run.created < eight + HOUR)).toBe(false);
  });

  it('follows an irregular schedule exactly: nothing expected over the weekend, the missed weekday runs listed', async () => {
    const history = await service.handlers.getRunHistory({ portalId, taskId: 'weekdays' });
    expect(history.runs).toHaveLength(6);
    const due = ['20T09', '19T17', '19T09', '18T17', '18T09', '17T17', '17T09', '16T17', '16T09', '13T17'];
    expect(history.expected).toEqual(due.map((day) => at(`2026-11-${day}:00:00Z`)));
  });

  it('gives a start time only to the run Taskwatch saw start (the task copy in a run is not a per-run fact)', async () => {
    sim.addRuns('gp', [{ status: 'succeeded', result: 'cleaned', startedAt: at('2026-11-20T11:00:05Z'), durationMs: 20_000 }]);
    clock.advance(40 * 60_000);
    await service.pollOnce();
    const history = await service.handlers.getRunHistory({ portalId, taskId: 'gp' });
    expect(history.runs).toHaveLength(5);
    expect(history.runs[0]).toMatchObject({ result: 'cleaned', startedAt: at('2026-11-20T11:00:05Z') });
    expect(history.runs[0]!.durationMs).toBeGreaterThan(0);
    // The first poll read 10:00's start as the task's lastStart beside it; nothing tells the older runs' starts.
    expect(history.runs.map((run) => run.startedAt)).toEqual([at('2026-11-20T11:00:05Z'), at('2026-11-20T10:00:05Z'), null, null, null]);
    expect(history.runs.slice(2).map((run) => run.durationMs)).toEqual([null, null, null]);
  });

  it('expects nothing of a task that is not active', async () => {
    const history = await service.handlers.getRunHistory({ portalId, taskId: 'off' });
    expect(history.runs).toHaveLength(4);
    expect(history.expected).toBeUndefined();
  });
});

/** Reopening a long history reads what came since, not all of it again, and still shows the portal's truth. */
describe('a run history opened again', () => {
  const now = at('2026-11-20T10:30:00Z');
  let sim: SimulatedPortal;
  let service: TaskwatchService;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let portalId: string;
  let clock: ManualClock;
  const runPages = () => sim.countRequests((entry) => entry.path.endsWith('/runs'));

  beforeEach(async () => {
    clock = new ManualClock(now);
    home = await scratchFolder();
    sim = await startSimulatedPortal({
      now: clock.now,
      tasks: [{ id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: at('2026-01-01T00:00:00Z') }],
    });
    sim.addHourlyHistory('gp', { from: now - 2_500 * HOUR, count: 2_500, failAt: [0] });
    ({ service, portalId } = await watching(sim, home.path, clock));
  });

  afterEach(async () => {
    await service.stop();
    await sim.close();
    await home.remove();
  });

  it('reads one small page for the runs that came since, and shows them before all the others', async () => {
    const first = await service.handlers.getRunHistory({ portalId, taskId: 'gp' });
    expect(first.runs).toHaveLength(2_500);
    // Walked back while its three pages came: every hour from the last one due down to the oldest run, once each.
    const from = first.runs.at(-1)!.created! - CLOCK_SKEW_MS;
    const hours = [];
    for (let hour = at('2026-11-20T10:00:00Z'); hour >= from; hour -= HOUR) hours.push(hour);
    expect(first.expected).toEqual(hours);
    sim.addRuns('gp', [
      { status: 'succeeded', result: 'cleaned late', startedAt: now - 20 * 60_000 },
      { status: 'failed', result: 'disk full', startedAt: now - 10 * 60_000 },
    ]);
    clock.advance(2 * HOUR);
    await service.pollOnce(); // the poll the clock's move triggers is not the history's reading
    sim.clearRequestLog();
    const again = await service.handlers.getRunHistory({ portalId, taskId: 'gp' });
    expect(runPages()).toBe(1);
    expect(again.runs).toHaveLength(2_502);
    expect(again.runs.slice(0, 2).map((run) => run.result)).toEqual(['disk full', 'cleaned late']);
    expect(again.runs.slice(2)).toEqual(first.runs);
    expect(again.complete).toBe(true);
    // Two more hours were due since; the ones before are what they were.
    expect(again.expected!.slice(0, 3)).toEqual([at('2026-11-20T12:00:00Z'), at('2026-11-20T11:00:00Z'), at('2026-11-20T10:00:00Z')]);
    expect(again.expected!.slice(2)).toEqual(first.expected);
  });

  it('drops the runs the portal no longer keeps', async () => {
    await service.handlers.getRunHistory({ portalId, taskId: 'gp' });
    sim.forgetRunsBefore('gp', now - 1_000 * HOUR);
    sim.addRuns('gp', [{ status: 'succeeded', result: 'cleaned late', startedAt: now - 10 * 60_000 }]);
    const again = await service.handlers.getRunHistory({ portalId, taskId: 'gp' });
    expect(again.runs).toHaveLength(1_001);
    expect(again.runs.at(-1)!.created).toBeGreaterThanOrEqual(now - 1_000 * HOUR);
    // Nothing is expected before the oldest run still kept.
    expect(again.expected!.at(-1)).toBeGreaterThanOrEqual(now - 1_001 * HOUR);
    expect(again.expected!.length).toBeLessThanOrEqual(1_002);
  });
});
