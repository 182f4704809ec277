import { afterEach, describe, expect, it } from 'vitest';
import { PortalClient } from '../../src-main/core/portal';
import { startSimulatedPortal, type SimTask, type SimulatedPortal } from '../../src-main/sim';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let portal: SimulatedPortal;
afterEach(async () => portal?.close());

function clientFor(sim: SimulatedPortal, timeZone = 'UTC'): PortalClient {
  return new PortalClient(
    { baseUrl: sim.baseUrl, adminUrl: sim.adminUrl, username: 'admin', timeZone, fingerprint: null },
    { getPassword: async () => 'admin-password' },
  );
}

/** A clock the test moves by hand, shared with the simulator. */
function clockAt(start: number) {
  let now = start;
  return { now: () => now, set: (to: number) => void (now = to), advance: (ms: number) => void (now += ms) };
}

const weeklyBackup: SimTask = { id: 'bk', title: 'weekly', taskType: 'CreateBackup', cronExpression: '0 0 4 ? * 7', script: { durationMs: 6 * MINUTE } };

describe('live mode on an injected clock', () => {
  it("runs the weekly backup on Saturday 04:00 in the portal's zone (Quartz 7 = Saturday)", async () => {
    const clock = clockAt(Date.UTC(2024, 5, 5, 12)); // Wednesday
    portal = await startSimulatedPortal({ tasks: [weeklyBackup], now: clock.now, timeZone: 'America/New_York', dateFormat: 'text' });
    const client = clientFor(portal, 'America/New_York');
    clock.set(Date.UTC(2024, 5, 8, 7, 59)); // Saturday 03:59 EDT
    expect(portal.tick()).toBe(0);
    clock.set(Date.UTC(2024, 5, 8, 8, 1)); // 04:01 EDT: started, still running
    expect(portal.tick()).toBe(1);
    expect((await client.getTask('bk')).lastStart).toBe(Date.UTC(2024, 5, 8, 8));
    expect((await client.listRuns('bk')).runs).toEqual([]);
    clock.advance(6 * MINUTE);
    portal.tick();
    const [run] = (await client.listRuns('bk')).runs;
    expect(run).toMatchObject({ status: 'succeeded', created: Date.UTC(2024, 5, 8, 8, 6) });
    expect((await client.getTask('bk')).lastStart).toBe(Date.UTC(2024, 5, 8, 8));
    expect(run!.result).toContain("backup store 'default'");
    clock.set(Date.UTC(2024, 5, 15, 7)); // nothing more until next Saturday
    expect(portal.tick()).toBe(0);
  });

  it('fails every Nth run with the scripted words, and keeps unknown statuses', async () => {
    const clock = clockAt(Date.UTC(2024, 0, 1, 0, 30));
    const tasks: SimTask[] = [
      { id: 'gp', title: 'gp', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', script: { failEvery: 3, failResult: 'GP Jobs cleanup failed: disk full.' } },
      { id: 'rx', title: 'rx', taskType: 'ReindexPortalContent', cronExpression: '0 0 * * * ?', script: { status: 'timedout', result: 'Cancelled after 2 hours.' } },
    ];
    portal = await startSimulatedPortal({ tasks, now: clock.now });
    clock.advance(6 * HOUR);
    expect(portal.tick()).toBe(12);
    const client = clientFor(portal);
    const gpRuns = (await client.listRuns('gp')).runs;
    expect(gpRuns.map((run) => run.status).reverse()).toEqual(['succeeded', 'succeeded', 'failed', 'succeeded', 'succeeded', 'failed']);
    expect(gpRuns[0]!.result).toBe('GP Jobs cleanup failed: disk full.');
    expect((await client.listRuns('rx')).runs[0]).toMatchObject({ status: 'timedout', result: 'Cancelled after 2 hours.' });
  });

  it('skips paused tasks and stalled ones, which stay active', async () => {
    const clock = clockAt(Date.UTC(2024, 0, 1));
    const hourly = (id: string, extra: Partial<SimTask> = {}): SimTask => ({ id, title: id, taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', ...extra });
    portal = await startSimulatedPortal({ tasks: [hourly('paused', { active: false }), hourly('stalled'), hourly('ok')], now: clock.now });
    portal.stall('stalled');
    clock.advance(3 * HOUR + MINUTE);
    portal.tick();
    const client = clientFor(portal);
    expect((await client.listRuns('paused')).total).toBe(0);
    expect((await client.listRuns('stalled')).total).toBe(0);
    expect((await client.getTask('stalled')).state).toBe('active');
    expect((await client.listRuns('ok')).total).toBe(3);
    portal.resume('stalled');
    clock.advance(HOUR);
    portal.tick();
    expect((await client.listRuns('stalled')).total).toBe(1); // resumes from now on, no back-fill
  });

  it('lets a test start a run and complete it later by hand', async () => {
    const clock = clockAt(Date.UTC(2024, 0, 1));
    portal = await startSimulatedPortal({ tasks: [weeklyBackup], now: clock.now });
    const client = clientFor(portal);
    portal.startRun('bk');
    expect((await client.getTask('bk')).lastStart).toBe(clock.now());
    expect((await client.listRuns('bk')).total).toBe(0);
    clock.advance(2 * HOUR);
    portal.completeRun('bk', { status: 'failed', result: "Backup failed: the backup store 'default' is not reachable (connection timed out)." });
    const [run] = (await client.listRuns('bk')).runs;
    expect(run).toMatchObject({ status: 'failed', created: Date.UTC(2024, 0, 1, 2) });
  });
});

describe('live mode on the real clock', () => {
  it('runs a task every second by itself', async () => {
    const everySecond: SimTask = { id: 's', title: 's', taskType: 'CleanGPJobs', cronExpression: '* * * * * ?', script: { durationMs: 0 } };
    portal = await startSimulatedPortal({ tasks: [everySecond], live: { tickMs: 100 } });
    const client = clientFor(portal);
    const deadline = Date.now() + 5000;
    let total = 0;
    while (total < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      total = (await client.listRuns('s')).total ?? 0;
    }
    expect(total).toBeGreaterThanOrEqual(2);
  });
});
