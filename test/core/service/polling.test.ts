import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import type { SimTask } from '../../../src-main/sim/types';
import { selfSignedCertificate, type TestCertificate } from '../../support/certs';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const HOUR = 3_600_000;

function tasks(count: number, lastHour = Math.floor(Date.now() / HOUR) * HOUR): SimTask[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `task-${index}`,
    title: `cleaner ${index}`,
    taskType: 'CleanGPJobs',
    cronExpression: '0 0 * * * ?',
    created: Date.now() - 10 * 24 * HOUR,
    history: [{ startedAt: lastHour, durationMs: 1_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }],
  }));
}

describe('polling (simulated portals over HTTP)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let notifier: RecordingNotifier;

  async function service(options: { requestTimeoutMs?: number; clock?: ManualClock; random?: () => number } = {}): Promise<TaskwatchService> {
    const created = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier, ...options });
    cleanup.push(() => created.stop());
    return created;
  }

  async function portal(taskCount: number, tls?: TestCertificate, clock?: ManualClock): Promise<SimulatedPortal> {
    const lastHour = Math.floor((clock?.now() ?? Date.now()) / HOUR) * HOUR;
    const sim = await startSimulatedPortal({ tasks: tasks(taskCount, lastHour), tls, ...(clock ? { now: clock.now } : {}) });
    cleanup.push(() => sim.close());
    return sim;
  }

  let certificate: TestCertificate;
  beforeAll(async () => {
    certificate = await selfSignedCertificate();
  });

  beforeEach(async () => {
    home = await scratchFolder();
    notifier = new RecordingNotifier();
  });

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await home.remove();
  });

  it('"Check now" while a poll is under way reads the portal afresh: a run that failed meanwhile is seen', async () => {
    const sim = await portal(2);
    const watcher = await service();
    await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    await watcher.pollOnce();
    // A poll that lists the tasks at once, then takes its time reading another task's runs.
    sim.completeRun('task-1', { status: 'succeeded', result: 'GP Jobs have been cleaned.' });
    sim.failNext('/task-1/runs', 'slow', 1, { delayMs: 800 });
    const underWay = watcher.handlers.pollNow({});
    await new Promise((resolve) => setTimeout(resolve, 300));
    sim.completeRun('task-0', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    await watcher.handlers.pollNow({});
    expect(watcher.snapshot().tasks.find((task) => task.id === 'task-0')!.health).toBe('failed');
    await underWay;
  });

  it('costs one request per portal in steady state, and reads runs only of tasks that moved', async () => {
    const sim = await portal(5);
    const watcher = await service();
    await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    sim.clearRequestLog();

    await watcher.pollOnce();
    expect(sim.countRequests('/system/tasks/')).toBe(5); // every task's runs, once, on the first look
    expect(sim.countRequests(/\/system\/tasks$/)).toBe(1);

    sim.clearRequestLog();
    await watcher.pollOnce();
    expect(sim.requestLog.map((entry) => entry.path)).toEqual([new URL(`${sim.adminUrl}/system/tasks`).pathname]);

    sim.clearRequestLog();
    sim.completeRun('task-3', { status: 'failed', result: 'The jobs directory is not accessible.' });
    await watcher.pollOnce();
    expect(sim.countRequests('/system/tasks/task-3/runs')).toBe(1);
    expect(sim.countRequests('/runs')).toBe(1);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['cleaner 3 failed']);
  });

  it('keeps asking for the runs of a task whose started run is not listed yet, and stops once it is', async () => {
    // Half past: a run started now is clearly a new one (on the real clock, in the minute after the hour, it
    // would be within a minute of the last run on the hour, which the portal may list late: not "running").
    const clock = new ManualClock(Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000);
    const sim = await portal(2, undefined, clock);
    const watcher = await service({ clock });
    await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    await watcher.pollOnce();

    sim.startRun('task-1');
    sim.clearRequestLog();
    await watcher.pollOnce();
    await watcher.pollOnce();
    expect(sim.countRequests('/system/tasks/task-1/runs')).toBe(2);
    expect(watcher.snapshot().tasks.find((task) => task.id === 'task-1')?.health).toBe('running');

    sim.completeRun('task-1', { status: 'succeeded', result: 'GP Jobs have been cleaned.' });
    await watcher.pollOnce();
    sim.clearRequestLog();
    await watcher.pollOnce();
    expect(sim.countRequests('/runs')).toBe(0);
    expect(watcher.snapshot().tasks.find((task) => task.id === 'task-1')?.health).toBe('ok');
  });

  it('never lets a hanging portal hold up the others, and reports it unreachable once', async () => {
    const healthy = await portal(2);
    const hanging = await portal(2);
    const watcher = await service({ requestTimeoutMs: 1_500 });
    await watcher.handlers.addPortal({ url: healthy.baseUrl, username: 'admin', password: 'admin-password' });
    await watcher.handlers.addPortal({ url: hanging.baseUrl, username: 'admin', password: 'admin-password' });
    await watcher.pollOnce();
    hanging.failNext('/system/tasks', 'hang', 100);
    healthy.completeRun('task-0', { status: 'failed', result: 'disk full' });

    const healthyDone = watcher.handlers.pollNow({ portalId: healthy.baseUrl }).then(() => 'healthy');
    const hangingDone = watcher.handlers.pollNow({ portalId: hanging.baseUrl }).then(() => 'hanging');
    expect(await Promise.race([healthyDone, hangingDone])).toBe('healthy');
    await vi.waitFor(() => expect(notifier.shown.map((shown) => shown.title)).toEqual(['cleaner 0 failed']));

    await hangingDone;
    await watcher.pollOnce();
    const health = Object.fromEntries(watcher.snapshot().portals.map((view) => [view.id, view.health.status]));
    expect(health).toEqual({ [healthy.baseUrl]: 'ok', [hanging.baseUrl]: 'unreachable' });
    expect(notifier.shown.filter((shown) => shown.title.includes('unreachable'))).toHaveLength(1);
    expect(watcher.snapshot().problems.map((problem) => problem.kind).sort()).toEqual(['failed-run', 'portal-unreachable']);
  });

  it('keeps its connections to a portal between polls over HTTPS with a pinned certificate, and hangs them up at stop', async () => {
    const sim = await portal(12, certificate);
    const watcher = await service();
    await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password', fingerprint: certificate.fingerprint });
    await watcher.pollOnce();
    const afterFirstPoll = sim.connectionCount();
    expect(afterFirstPoll).toBeLessThanOrEqual(3 + 1 + 4); // adding (a probe, one per request), the poll: a probe, at most 4 kept

    sim.clearRequestLog();
    sim.completeRun('task-7', { status: 'failed', result: 'The jobs directory is not accessible.' });
    await watcher.pollOnce();
    await watcher.pollOnce();
    // The list twice, task-7's runs once (paths compared, so a failure names what else was asked).
    expect(sim.requestLog.map((entry) => entry.path.replace(/^.*\/system\//, '')).sort()).toEqual(['tasks', 'tasks', 'tasks/task-7/runs']);
    expect(sim.connectionCount()).toBe(afterFirstPoll);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['cleaner 7 failed']);

    await watcher.stop();
    await vi.waitFor(() => expect(sim.openConnectionCount()).toBe(0));
  });

  it('lets twenty portals finish their poll while ten others hang', async () => {
    const hanging = await Promise.all(Array.from({ length: 10 }, () => portal(1)));
    const healthy = await Promise.all(Array.from({ length: 20 }, () => portal(2)));
    const watcher = await service({ requestTimeoutMs: 2_000 });
    for (const sim of [...hanging, ...healthy]) await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    for (const sim of hanging) sim.failAlways('/system/tasks', 'hang');
    for (const sim of healthy) sim.completeRun('task-1', { status: 'failed', result: 'disk full' });

    const finished: string[] = [];
    await Promise.all(
      [...hanging, ...healthy].map((sim) =>
        watcher.handlers.pollNow({ portalId: sim.baseUrl }).then(() => finished.push(hanging.includes(sim) ? 'hanging' : 'healthy')),
      ),
    );
    expect(finished).toEqual([...Array(20).fill('healthy'), ...Array(10).fill('hanging')]);
    const statuses = watcher.snapshot().portals.map((view) => view.health.status);
    expect(statuses.filter((status) => status === 'ok')).toHaveLength(20);
    expect(statuses.filter((status) => status === 'unreachable')).toHaveLength(10);
  });

  it('spreads the first polls of portals started together, and lengthens each interval by a little jitter', async () => {
    const clock = new ManualClock(Date.now());
    const started = clock.now();
    const draws = [0, 0.5, 0.987];
    const watcher = await service({ clock, random: () => draws.shift() ?? 0.5 });
    const sims = await Promise.all([portal(1), portal(1), portal(1)]);
    for (const sim of sims) await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    const nextPolls = () => watcher.snapshot().portals.map((view) => view.health.nextPollAt! - started);

    await watcher.start();
    expect(nextPolls()).toEqual([0, 50, 99]); // three portals: spread over 100 ms, in whole ms as the window shows times
    sims.forEach((sim) => sim.clearRequestLog());
    const listed = () => sims.map((sim) => sim.countRequests(/\/system\/tasks$/));
    // The default interval is 60 s: each next poll comes 60 s after the poll, plus a tenth of 60 s times the draw (0.5).
    clock.advance(49);
    await vi.waitFor(() => expect(nextPolls()[0]).toBe(49 + 63_000));
    expect(listed()).toEqual([1, 0, 0]);
    clock.advance(50);
    await vi.waitFor(() => expect(nextPolls()).toEqual([49 + 63_000, 99 + 63_000, 99 + 63_000]));
    expect(listed()).toEqual([1, 1, 1]);
  });

  it('turns an HTML login page into a portal error that names the URL, and recovers after', async () => {
    const sim = await portal(1);
    const watcher = await service();
    await watcher.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    sim.failNext('/system/tasks', 'html');
    await watcher.pollOnce();
    const [view] = watcher.snapshot().portals;
    expect(view!.health.status).toBe('error');
    expect(view!.health.message).toContain(`${sim.adminUrl}/system/tasks`);
    expect(view!.health.message).toMatch(/web page instead of JSON/);
    await watcher.pollOnce();
    expect(watcher.snapshot().portals[0]!.health.status).toBe('ok');
  });
});
