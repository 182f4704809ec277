import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import type { SimTask } from '../../../src-main/sim/types';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

/**
 * A portal whose task list answers the same bytes poll after poll is not looked at task by task until
 * one of its tasks is due a read. What that quiet must never hide: a due run that never happens, a run
 * the periodic re-read finds, a run under way ending. Polls here come within one token's life (the token
 * is part of what makes an answer "the same"), so each one after the first is a quiet one unless due.
 */
describe('a portal whose task list stays the same (simulated portal on a manual clock)', () => {
  let clock: ManualClock;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let notifier: RecordingNotifier;
  const cleanup: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    clock = new ManualClock(at('2026-11-20T10:05:00Z'));
    home = await scratchFolder();
    notifier = new RecordingNotifier();
  });

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await home.remove();
  });

  /** A portal of these tasks, its zone configured unless `textIn` (then it writes zone-less dates in that zone, and its zone is learnt). */
  async function watching(
    tasks: SimTask[],
    textIn?: string,
  ): Promise<{ sim: SimulatedPortal; service: TaskwatchService; pollAt: (iso: string) => Promise<void> }> {
    const sim = await startSimulatedPortal({ now: clock.now, tasks, ...(textIn ? { timeZone: textIn, dateFormat: 'text' as const } : {}) });
    cleanup.push(() => sim.close());
    const service = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier, clock });
    cleanup.push(() => service.stop());
    await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password', ...(textIn ? {} : { timeZone: 'UTC' }) });
    const pollAt = async (iso: string) => {
      clock.advance(at(iso) - clock.now());
      await service.pollOnce();
    };
    return { sim, service, pollAt };
  }

  const titles = () => notifier.shown.map((shown) => shown.title);

  it('tells a task that never ran overdue within a poll of its grace period ending', async () => {
    const created = at('2026-11-20T10:02:00Z');
    const { sim, service, pollAt } = await watching([{ id: 'fresh', title: 'newCleaner', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created, history: [] }]);
    sim.stall('fresh');
    const health = () => service.snapshot().tasks.find((task) => task.id === 'fresh')?.health;
    await pollAt('2026-11-20T11:05:00Z');
    await pollAt('2026-11-20T11:09:00Z'); // 11:00 missed, still inside its grace period
    expect(health()).toBe('ok');
    await pollAt('2026-11-20T11:10:30Z'); // past it: the list alone says so, so the runs are read next poll
    expect(titles()).toEqual([]);
    await pollAt('2026-11-20T11:11:30Z');
    expect(health()).toBe('overdue');
    expect(titles()).toEqual(['newCleaner is overdue']);
  });

  it('still reads runs again after six hours: a failed run listed without lastStart moving is told', async () => {
    const history = [2, 1, 0].map((back) => ({ startedAt: at('2026-11-20T04:00:00Z') - back * DAY, durationMs: 6 * MINUTE, status: 'succeeded', result: 'Backup created.' }));
    const { sim, pollAt } = await watching([
      { id: 'backup', title: 'nightlyBackup', taskType: 'CreateBackup', cronExpression: '0 0 4 * * ?', created: at('2026-11-01T00:00:00Z'), history },
    ]);
    await pollAt('2026-11-20T10:05:00Z'); // its runs read at 10:05: read again from 16:05
    await pollAt('2026-11-20T10:06:00Z');
    // Listed late, and older than the last start: the list stays the same.
    sim.addRuns('backup', [{ startedAt: at('2026-11-20T03:00:00Z'), durationMs: MINUTE, status: 'failed', result: 'Backup failed: the backup store is full.' }]);
    await pollAt('2026-11-20T16:00:00Z');
    await pollAt('2026-11-20T16:04:00Z');
    expect(titles()).toEqual([]);
    await pollAt('2026-11-20T16:06:00Z');
    expect(titles()).toEqual(['nightlyBackup failed']);
  });

  it('still watches a run under way: its failure is told once it is listed, though the list did not change', async () => {
    const history = [{ startedAt: at('2026-11-20T10:00:00Z'), durationMs: 20_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }];
    const { sim, service, pollAt } = await watching([
      { id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: at('2026-11-01T00:00:00Z'), history },
    ]);
    const health = () => service.snapshot().tasks.find((task) => task.id === 'gp')?.health;
    await pollAt('2026-11-20T10:05:00Z');
    await pollAt('2026-11-20T10:06:00Z');
    sim.startRun('gp', at('2026-11-20T10:30:00Z')); // started by hand: lastStart moves, the list changes once
    await pollAt('2026-11-20T10:31:00Z');
    await pollAt('2026-11-20T10:32:00Z');
    expect(health()).toBe('running');
    clock.advance(MINUTE);
    sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    await pollAt('2026-11-20T10:34:00Z');
    expect(titles()).toEqual(['gpCleanerTask failed']);
    expect(health()).toBe('failed');
  });

  it('reads on for a run that outlasts the next start: its failure is told though lastStart did not move when it ended', async () => {
    const history = [9, 10].map((hour) => ({ startedAt: at(`2026-11-20T${String(hour).padStart(2, '0')}:00:00Z`), durationMs: 20 * MINUTE, status: 'succeeded', result: 'Backup created.' }));
    const { sim, service, pollAt } = await watching([
      { id: 'backup', title: 'hourlyBackup', taskType: 'CreateBackup', cronExpression: '0 0 * * * ?', created: at('2026-11-01T00:00:00Z'), history },
    ]);
    const runReads = () => sim.countRequests((entry) => entry.path.endsWith('/runs'));
    await pollAt('2026-11-20T10:25:00Z');
    sim.startRun('backup', at('2026-11-20T11:00:00Z'));
    await pollAt('2026-11-20T11:05:00Z');
    // 12:00 starts while 11:00 still runs: the portal records it as skipped, and lastStart moves on.
    sim.startRun('backup', at('2026-11-20T12:00:00Z'));
    clock.advance(at('2026-11-20T12:00:30Z') - clock.now());
    sim.completeRun('backup', { status: 'skipped', result: 'Skipped: the previous run is still in progress.' });
    await pollAt('2026-11-20T12:05:00Z');
    await pollAt('2026-11-20T12:10:00Z');
    const notes = () => service.snapshot().tasks.find((task) => task.id === 'backup')!.notes.join(' ');
    expect(notes()).toContain('A run that started before the latest start is not listed yet');
    // 11:00 ends, failed, 85 minutes on: listed, and nothing in the task list moves.
    sim.addRuns('backup', [{ startedAt: at('2026-11-20T11:00:00Z'), durationMs: 85 * MINUTE, status: 'failed', result: 'Backup failed: the backup store is full.' }]);
    await pollAt('2026-11-20T12:30:00Z');
    expect(titles()).toContain('hourlyBackup failed');
    expect(notes()).toBe('');
    // Every start is accounted for: the task is quiet again.
    const reads = runReads();
    await pollAt('2026-11-20T12:31:00Z');
    expect(runReads()).toBe(reads);
  });

  it('learns a text-only portal\'s zone at the poll after a new run appeared, though its list did not change since', async () => {
    const history = [2, 1, 0].map((back) => ({ startedAt: at('2026-11-20T10:00:00Z') - back * HOUR, durationMs: 30_000, status: 'succeeded', result: 'cleaned' }));
    const { sim, service, pollAt } = await watching(
      [{ id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: at('2026-11-01T00:00:00Z'), history }],
      'America/New_York',
    );
    await pollAt('2026-11-20T10:05:00Z');
    await pollAt('2026-11-20T10:10:00Z');
    expect(service.snapshot().portals[0]!.timeZoneSource).toBe('unknown');
    clock.advance(2 * MINUTE);
    sim.completeRun('gp', { status: 'succeeded', result: 'cleaned' }); // when it appears tells the portal's offset
    await pollAt('2026-11-20T10:15:00Z');
    await pollAt('2026-11-20T10:20:00Z');
    const portal = service.snapshot().portals[0]!;
    expect(portal.timeZoneSource).toBe('learnt');
    expect(portal.timeZoneNote).toContain('UTC-05:00');
    expect(titles()).toEqual([]);
  });
});
