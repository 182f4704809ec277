/**
 * The fault matrix: every way a real portal's answer can go wrong, per endpoint, against the real
 * service over HTTP. For each: what the admin is shown (portal status, task health, problems, hence
 * `check`'s exit code), and that alerts come exactly once: the blind spot once, the failure that
 * happened inside it once, when it can be read again, and nothing else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import type { Alert } from '../../../src-main/core/store/state';
import { SIM_ENDPOINTS, startSimulatedPortal, type FailMode, type SimulatedPortal, type SimTask } from '../../../src-main/sim';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 20, 10, 5);

function hourly(id: string, title: string): SimTask {
  const history = [3, 2, 1, 0].map((hoursAgo) => ({ startedAt: Date.UTC(2026, 10, 20, 10) - hoursAgo * HOUR, durationMs: 30_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }));
  return { id, title, taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: START - 30 * 24 * HOUR, history };
}

/** Each fault on the runs of one task: the portal lists its tasks, but that task's runs cannot be read. */
const RUNS_FAULTS: Array<{ mode: FailMode; words: RegExp }> = [
  { mode: 'http-500', words: /HTTP 500/ },
  { mode: 'http-502', words: /HTTP 502/ },
  { mode: 'http-503', words: /HTTP 503/ },
  { mode: 'html', words: /web page instead of JSON/ },
  { mode: 'directory-page', words: /web page instead of JSON/ },
  { mode: 'malformed', words: /invalid JSON/ },
  { mode: 'truncated', words: /invalid JSON|cut short|truncated/i },
  { mode: 'cut-connection', words: /closed|reset|cut short|truncated/i },
  { mode: 'empty', words: /empty/ },
  { mode: 'error-500', words: /error 500/ },
  { mode: 'error-403', words: /not allowed/ },
  { mode: 'error-404', words: /no such task/ },
  { mode: 'reset', words: /closed before the portal answered|reset/ },
  { mode: 'hang', words: /did not answer within/ },
];

/** Each fault on the task list: the whole portal cannot be read. */
const LIST_FAULTS: Array<{ mode: FailMode; status: string }> = [
  { mode: 'http-502', status: 'error' },
  { mode: 'html', status: 'error' },
  { mode: 'malformed', status: 'error' },
  { mode: 'truncated', status: 'error' },
  { mode: 'error-500', status: 'error' },
  { mode: 'error-403', status: 'error' },
  { mode: 'reset', status: 'unreachable' },
  { mode: 'hang', status: 'unreachable' },
];

describe('fault matrix (simulated portal over HTTP, real service)', () => {
  let clock: ManualClock;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let notifier: RecordingNotifier;
  let alerts: Alert[];
  let service: TaskwatchService;

  beforeEach(async () => {
    clock = new ManualClock(START);
    home = await scratchFolder();
    notifier = new RecordingNotifier();
    alerts = [];
    sim = await startSimulatedPortal({ now: clock.now, tasks: [hourly('gp', 'gpCleanerTask'), hourly('retention', 'retentionCleaner')] });
    service = await createTaskwatchService({
      home: home.path,
      secrets: new MemorySecrets(),
      notifier,
      clock,
      requestTimeoutMs: 400,
      onAlert: (alert) => alerts.push(alert),
    });
    await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    await service.start();
    await service.pollOnce();
    expect(alerts).toEqual([]);
  });

  afterEach(async () => {
    await service.stop();
    await sim.close();
    await home.remove();
  });

  const kinds = () => alerts.map((alert) => `${alert.kind}:${alert.taskId ?? '-'}`);

  for (const { mode, words } of RUNS_FAULTS) {
    it(`runs answer "${mode}": the task is unreadable (alerted once), the others go on, and the failure inside is alerted once after`, async () => {
      clock.advance(HOUR);
      sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
      sim.completeRun('retention', { status: 'failed', result: 'Could not delete backup 2026-11-01.' });
      sim.failAlways((entry) => SIM_ENDPOINTS.runs.test(entry.path) && entry.path.includes('/gp/'), mode, { delayMs: 50 });

      await service.pollOnce();
      await service.pollOnce();
      const snapshot = service.snapshot();
      const gp = snapshot.tasks.find((task) => task.id === 'gp')!;
      expect(gp.health).toBe('unreadable');
      expect(gp.healthMessage).toMatch(words);
      expect(snapshot.portals[0]!.health.status).toBe('partial');
      expect(snapshot.problems.map((problem) => `${problem.kind}:${problem.taskId}`)).toEqual(expect.arrayContaining(['runs-unreadable:gp', 'failed-run:retention']));
      expect(kinds().sort()).toEqual(['failed-run:retention', 'runs-unreadable:gp']);

      sim.clearFailures();
      await service.pollOnce();
      await service.pollOnce();
      expect(service.snapshot().tasks.find((task) => task.id === 'gp')!.health).toBe('failed');
      expect(service.snapshot().portals[0]!.health.status).toBe('ok');
      expect(kinds().sort()).toEqual(['failed-run:gp', 'failed-run:retention', 'runs-unreadable:gp']);
    });
  }

  for (const { mode, status } of LIST_FAULTS) {
    it(`task list answer "${mode}": the portal is ${status} (alerted once), no task is falsely alerted, and nothing is lost`, async () => {
      sim.failAlways((entry) => SIM_ENDPOINTS.tasks.test(entry.path), mode, { delayMs: 50 });
      for (let poll = 0; poll < 3; poll++) {
        clock.advance(HOUR);
        sim.completeRun('retention', { status: 'succeeded', result: 'Backups cleaned.' });
        sim.completeRun('gp', { status: 'succeeded', result: 'GP Jobs have been cleaned.' });
        await service.pollOnce();
      }
      sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
      await service.pollOnce();
      expect(service.snapshot().portals[0]!.health.status).toBe(status);
      expect(service.snapshot().problems).toHaveLength(1);
      expect(kinds()).toEqual([`${status === 'unreachable' ? 'portal-unreachable' : status}:-`]);

      sim.clearFailures();
      await service.pollOnce();
      await service.pollOnce();
      expect(service.snapshot().portals[0]!.health.status).toBe('ok');
      expect(kinds()).toEqual([`${status === 'unreachable' ? 'portal-unreachable' : status}:-`, 'failed-run:gp']);
    });
  }
});
