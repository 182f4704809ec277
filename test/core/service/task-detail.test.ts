import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import { dispatchCommand } from '../../../src-main/core/dispatch';
import { silentLogger } from '../../../src-main/core/ports';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import { MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';

const HOUR = 3_600_000;

/** The snapshot lists every task in summary; the detail asks for one task in full. */
describe('tasks in summary, one task in full on demand', () => {
  let sim: SimulatedPortal;
  let service: TaskwatchService;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let portalId: string;

  beforeEach(async () => {
    home = await scratchFolder();
    const lastHour = Math.floor(Date.now() / HOUR) * HOUR;
    const history = ['failed', 'succeeded', 'succeeded'].map((status, index) => ({
      startedAt: lastHour - index * HOUR,
      durationMs: 30_000,
      status,
      result: status === 'failed' ? 'The backup store is not reachable.' : 'Backup created.',
    }));
    sim = await startSimulatedPortal({
      tasks: [
        { id: 'backup', title: 'nightly backup', taskType: 'CreateBackup', cronExpression: '0 0 * * * ?', history, parameters: { location: '/backups', passcode: 'open-sesame' } },
      ],
    });
    service = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier: new RecordingNotifier() });
    portalId = (await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' })).id;
    await service.pollOnce();
  });

  afterEach(async () => {
    await service.stop();
    await sim.close();
    await home.remove();
  });

  it('lists the latest outcomes newest first and the last run, without parameters or full runs', async () => {
    const [task] = service.snapshot().tasks;
    expect(task).toMatchObject({ id: 'backup', recentOutcomes: ['failure', 'success', 'success'], lastRun: { status: 'failed', result: 'The backup store is not reachable.' } });
    expect(task).not.toHaveProperty('parameters');
    expect(task).not.toHaveProperty('recentRuns');
  });

  it('answers one task in full through the contract, secrets masked', async () => {
    const answer = await dispatchCommand(service.handlers, 'getTask', { portalId, taskId: 'backup' }, silentLogger);
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.parameters).toMatchObject({ location: '/backups' });
    expect(JSON.stringify(answer.value)).not.toContain('open-sesame');
    expect(answer.value.recentRuns.map((run) => run.status)).toEqual(['failed', 'succeeded', 'succeeded']);
    expect(answer.value.adminPageUrl).toBe(`${sim.adminUrl}/system/tasks/backup`);
  });

  it('says which task it does not know', async () => {
    const answer = await dispatchCommand(service.handlers, 'getTask', { portalId, taskId: 'gone' }, silentLogger);
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    if (!answer.ok) expect(answer.error.message).toContain('"gone"');
  });
});
