import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);

/** Silence is the failure that leaves no failed run: a stalled scheduler, a backup pod that never ends. */
describe('overdue and stuck runs (simulated portal on a shared manual clock)', () => {
  let clock: ManualClock;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let notifier: RecordingNotifier;
  const secrets = new MemorySecrets();
  const services: TaskwatchService[] = [];

  async function watcher(): Promise<TaskwatchService> {
    const service = await createTaskwatchService({ home: home.path, secrets, notifier, clock });
    services.push(service);
    if (service.snapshot().portals.length === 0) {
      await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    }
    await service.start();
    return service;
  }

  /** Moves time on, letting the portal run whatever fell due, then polls. */
  async function advanceTo(iso: string, service: TaskwatchService) {
    clock.advance(at(iso) - clock.now());
    sim.tick();
    await service.pollOnce();
  }

  beforeEach(async () => {
    clock = new ManualClock(at('2026-11-20T10:05:00Z'));
    home = await scratchFolder();
    notifier = new RecordingNotifier();
    const created = at('2026-11-01T00:00:00Z');
    const hourly = [3, 2, 1, 0].map((back) => ({ startedAt: at('2026-11-20T10:00:00Z') - back * HOUR, durationMs: 20_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }));
    const nightly = [3, 2, 1].map((back) => ({ startedAt: at('2026-11-20T04:00:00Z') - (back - 1) * 24 * HOUR, durationMs: 6 * MINUTE, status: 'succeeded', result: 'Backup created.' }));
    sim = await startSimulatedPortal({
      now: clock.now,
      tasks: [
        { id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created, history: hourly },
        { id: 'backup', title: 'nightlyBackup', taskType: 'CreateBackup', cronExpression: '0 0 4 * * ?', created, history: nightly },
      ],
    });
    sim.tick(); // the scheduler starts counting from now
  });

  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    await sim.close();
    await home.remove();
  });

  it('notifies once when a task stops running, not again while it stays silent, and clears when it runs', async () => {
    const service = await watcher();
    await service.pollOnce();
    await advanceTo('2026-11-20T11:20:00Z', service);
    expect(service.snapshot().tasks.find((task) => task.id === 'gp')?.health).toBe('ok');

    sim.stall('gp');
    await advanceTo('2026-11-20T12:05:00Z', service); // 12:00 missed, but still inside the grace period
    expect(notifier.shown).toEqual([]);
    await advanceTo('2026-11-20T12:11:00Z', service);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['gpCleanerTask is overdue']);
    expect(service.snapshot().problems).toContainEqual(expect.objectContaining({ kind: 'overdue', taskId: 'gp' }));

    await advanceTo('2026-11-20T13:15:00Z', service);
    await service.stop();
    const restarted = await watcher();
    await restarted.pollOnce();
    expect(notifier.shown).toHaveLength(1);

    sim.resume('gp');
    await advanceTo('2026-11-20T14:05:00Z', restarted);
    const gp = restarted.snapshot().tasks.find((task) => task.id === 'gp');
    expect(gp?.health).toBe('ok');
    expect(restarted.snapshot().problems).toEqual([]);
    expect(notifier.shown).toHaveLength(1);
  });

  it('warns once about a backup still running far longer than usual', async () => {
    const service = await watcher();
    await service.pollOnce();
    clock.advance(at('2026-11-21T04:00:00Z') - clock.now());
    sim.startRun('backup');
    sim.stall('backup'); // the pod hangs: the run never completes
    sim.stall('gp');
    await advanceTo('2026-11-21T04:20:00Z', service);
    expect(service.snapshot().tasks.find((task) => task.id === 'backup')?.health).toBe('running');
    expect(notifier.shown.filter((shown) => shown.title.startsWith('nightlyBackup'))).toEqual([]);

    await advanceTo('2026-11-21T04:35:00Z', service);
    await advanceTo('2026-11-21T04:50:00Z', service);
    const warnings = notifier.shown.filter((shown) => shown.title.startsWith('nightlyBackup'));
    expect(warnings.map((shown) => shown.title)).toEqual(['nightlyBackup has been running for 35 min']);
    expect(service.snapshot().tasks.find((task) => task.id === 'backup')?.health).toBe('stuck');
  });

  describe('recovery notices', () => {
    let hooks: WebhookReceiver;
    beforeAll(async () => void (hooks = await startWebhookReceiver()));
    afterAll(() => hooks.close());

    it('says once that an overdue task ran again, to the desktop and the channel that heard it was overdue', async () => {
      const service = await watcher();
      await service.handlers.updateSettings({ notify: { recovered: true } });
      await service.channels.add({ name: 'ops', kind: 'webhook' }, hooks.url('/ran-again'));
      await service.pollOnce();
      sim.stall('gp');
      await advanceTo('2026-11-20T11:15:00Z', service);
      await advanceTo('2026-11-20T12:05:00Z', service);
      await advanceTo('2026-11-20T12:15:00Z', service);
      await advanceTo('2026-11-20T12:40:00Z', service);
      await service.stop();
      const restarted = await watcher();
      sim.resume('gp');
      await advanceTo('2026-11-20T13:05:00Z', restarted);
      await advanceTo('2026-11-20T14:05:00Z', restarted);
      await advanceTo('2026-11-20T15:05:00Z', restarted);
      expect(notifier.shown.map((shown) => shown.title)).toEqual(['gpCleanerTask is overdue', 'gpCleanerTask ran again']);
      await expect.poll(() => (hooks.received('/ran-again') as any[]).map((body) => body.title)).toEqual(['gpCleanerTask is overdue', 'gpCleanerTask ran again']);
      expect(restarted.snapshot().problems).toEqual([]);
    });
  });
});

/**
 * Polls whose answers never change reuse a task's conclusions until the clock alone could change them:
 * the next run moving on, a first due run passing its grace period. These must still be concluded on time.
 */
describe('a task whose portal answers the same poll after poll (simulated portal, manual clock)', () => {
  it('moves its next run on and is told overdue within a poll of its first run falling due', async () => {
    const clock = new ManualClock(at('2026-11-20T10:05:00Z'));
    const home = await scratchFolder();
    const notifier = new RecordingNotifier();
    const sim = await startSimulatedPortal({
      now: clock.now,
      tasks: [{ id: 'fresh', title: 'newCleaner', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: at('2026-11-20T10:02:00Z'), history: [] }],
    });
    sim.stall('fresh'); // created after 10:00 and never run: only time says anything about it
    const service = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier, clock });
    try {
      // Its zone is configured: with no run ever listed, nothing else could tell it.
      await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password', timeZone: 'UTC' });
      await service.start();
      const fresh = () => service.snapshot().tasks.find((task) => task.id === 'fresh');
      const pollAt = async (iso: string) => {
        clock.advance(at(iso) - clock.now());
        await service.pollOnce();
      };
      await pollAt('2026-11-20T10:05:00Z');
      await pollAt('2026-11-20T10:59:00Z');
      expect(fresh()?.nextRun).toBe(at('2026-11-20T11:00:00Z'));
      await pollAt('2026-11-20T11:01:00Z');
      expect(fresh()?.nextRun).toBe(at('2026-11-20T12:00:00Z'));
      await pollAt('2026-11-20T11:09:00Z'); // 11:00 missed, still inside its grace period
      expect(fresh()?.health).toBe('ok');
      expect(notifier.shown).toEqual([]);

      await pollAt('2026-11-20T11:10:30Z'); // past the grace period: the runs are read at the next poll
      await pollAt('2026-11-20T11:11:30Z');
      expect(fresh()?.health).toBe('overdue');
      expect(notifier.shown.map((shown) => shown.title)).toEqual(['newCleaner is overdue']);
    } finally {
      await service.stop();
      await sim.close();
      await home.remove();
    }
  });
});
