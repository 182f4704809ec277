import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import type { Alert } from '../../../src-main/core/store/state';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import type { SimTask } from '../../../src-main/sim/types';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';
import { filesUnder } from '../../cli/run-cli';

const HOUR = 3_600_000;
const start = Date.parse('2026-11-20T10:05:00Z');

function hourlyTask(id: string, title: string, failingAt: number[] = []): SimTask {
  const history = [4, 3, 2, 1, 0].map((hoursAgo) => {
    const startedAt = Date.parse('2026-11-20T10:00:00Z') - hoursAgo * HOUR;
    const failed = failingAt.includes(hoursAgo);
    return {
      startedAt,
      durationMs: 30_000,
      status: failed ? 'failed' : 'succeeded',
      result: failed ? 'GP job cleanup failed: the jobs directory is not accessible.' : 'GP Jobs have been cleaned.',
    };
  });
  return { id, title, taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: start - 30 * 24 * HOUR, history };
}

describe('alerting through the core service (simulated portal over HTTP)', () => {
  let clock: ManualClock;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let secrets: MemorySecrets;
  let notifier: RecordingNotifier;
  const running: TaskwatchService[] = [];

  async function openService(options: { readOnly?: boolean; onAlert?: (alert: Alert) => void } = {}) {
    const service = await createTaskwatchService({ home: home.path, secrets, notifier, clock, ...options });
    running.push(service);
    return service;
  }

  async function addSimPortal(service: TaskwatchService, portal = sim) {
    await service.handlers.addPortal({ url: portal.baseUrl, username: 'admin', password: 'admin-password' });
  }

  beforeEach(async () => {
    clock = new ManualClock(start);
    home = await scratchFolder();
    secrets = new MemorySecrets();
    notifier = new RecordingNotifier();
    sim = await startSimulatedPortal({ now: clock.now, tasks: [hourlyTask('gp', 'gpCleanerTask'), hourlyTask('retention', 'backupRetentionCleanerTask')] });
  });

  afterEach(async () => {
    for (const service of running.splice(0)) await service.stop();
    await sim.close();
    await home.remove();
  });

  it('notifies a failed run exactly once: not again on the next poll, nor after a restart', async () => {
    const first = await openService();
    await addSimPortal(first);
    await first.start();
    await first.pollOnce();
    expect(notifier.shown).toEqual([]);

    clock.advance(HOUR);
    const run = sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    await first.pollOnce();
    await first.pollOnce();
    expect(notifier.shown).toHaveLength(1);
    const [shown] = notifier.shown;
    expect(shown!.title).toContain('gpCleanerTask');
    expect(shown!.body).toContain(sim.baseUrl.replace('http://', ''));
    expect(shown!.body).toContain(run.runId);
    expect(shown!.target).toEqual({ portalId: sim.baseUrl, taskId: 'gp' });
    await first.stop();

    const second = await openService();
    await second.start();
    await second.pollOnce();
    expect(notifier.shown).toHaveLength(1);
    expect(second.snapshot().tasks.find((task) => task.id === 'gp')?.health).toBe('failed');
  });

  it('reports failures that happened while it was not running, grouped into one notification', async () => {
    const first = await openService();
    await addSimPortal(first);
    await first.start();
    await first.pollOnce();
    await first.stop();

    clock.advance(HOUR);
    sim.completeRun('gp', { status: 'failed', result: 'disk full' });
    sim.completeRun('retention', { status: 'timedout', result: 'The backup store did not answer.' });
    clock.advance(HOUR);
    sim.completeRun('gp', { status: 'failed', result: 'disk still full' });

    const perProblem: Alert[] = [];
    const second = await openService({ onAlert: (alert) => perProblem.push(alert) });
    await second.start();
    await second.pollOnce();
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.title).toBe('Taskwatch: 3 problems on 1 portal');
    expect(perProblem.map((alert) => `${alert.kind}:${alert.taskId}`).sort()).toEqual([
      'failed-run:gp',
      'failed-run:gp',
      'failed-run:retention',
    ]);
  });

  it('for a newly added portal reports only the latest failed run, not older history', async () => {
    await sim.close();
    sim = await startSimulatedPortal({ now: clock.now, tasks: [hourlyTask('gp', 'gpCleanerTask', [0, 2, 3]), hourlyTask('retention', 'retention', [2])] });
    const service = await openService();
    await addSimPortal(service);
    await service.start();
    await service.pollOnce();
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['gpCleanerTask failed']);
  });

  it('keeps alerting after a token expires, without an auth alert', async () => {
    const service = await openService();
    await addSimPortal(service);
    await service.start();
    await service.pollOnce();
    sim.expireTokens();
    clock.advance(HOUR);
    sim.completeRun('retention', { status: 'failed', result: 'Could not delete backup 2026-11-01.' });
    await service.pollOnce();
    expect(service.snapshot().portals[0]!.health.status).toBe('ok');
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['backupRetentionCleanerTask failed']);
  });

  it('alerts rejected credentials once per episode, not at every poll', async () => {
    const service = await openService();
    await addSimPortal(service);
    await service.start();
    await service.pollOnce();
    await secrets.set(sim.baseUrl, 'changed-by-someone');
    sim.expireTokens();
    await service.pollOnce();
    await service.pollOnce();
    expect(service.snapshot().portals[0]!.health.status).toBe('auth-failed');
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.title).toContain("rejected Taskwatch's sign-in");
  });

  it('check mode only looks: no notification, no file written, so a later watch still alerts', async () => {
    const setup = await openService();
    await addSimPortal(setup);
    await setup.start();
    await setup.pollOnce();
    await setup.stop();
    clock.advance(HOUR);
    sim.completeRun('gp', { status: 'failed', result: 'disk full' });

    const looker = await openService({ readOnly: true });
    await looker.start();
    const seen = await looker.pollOnce();
    expect(seen.problems.map((problem) => problem.kind)).toEqual(['failed-run']);
    await looker.stop();
    expect(notifier.shown).toEqual([]);

    const watcher = await openService();
    await watcher.start();
    await watcher.pollOnce();
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['gpCleanerTask failed']);
  });

  it('never writes the password or a token into its files', async () => {
    const service = await openService();
    await addSimPortal(service);
    await service.start();
    await service.pollOnce();
    await service.stop();
    const files = filesUnder(home.path);
    // config.json, state.json and the portal's own state file.
    expect(files.filter((file) => file.endsWith('.json'))).toHaveLength(3);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain('admin-password');
      for (const token of sim.issuedTokens()) expect(text).not.toContain(token);
    }
  });
});
