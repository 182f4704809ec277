/**
 * A portal the size of a large ArcGIS Enterprise estate: `taskCount` tasks (a mix of types, some failing)
 * and one task with `historyRuns` runs, polled once by the real service and shown in the real window.
 * Shared by scale.test.ts and the ui-bench.mjs benchmark.
 */
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim';
import type { SimRunInput, SimTask } from '../../src-main/sim';
import type { TaskRef } from '../../src-main/contract/models';
import { MemorySecrets } from '../support/core-harness';
import { startWindow, type WindowHarness } from './window-harness';

const HOUR = 3_600_000;
const TYPES = ['CreateBackup', 'CleanGPJobs', 'BackupRetentionCleaner', 'ReindexPortalContent', 'SomethingNew'];

export const LONG_HISTORY_TITLE = 'nightly backup with a long history';

function runs(count: number, now: number): SimRunInput[] {
  return Array.from({ length: count }, (_, index) => ({
    status: index % 13 === 5 ? 'failed' : 'succeeded',
    result: index % 13 === 5 ? `Backup failed: store unreachable (run ${index})` : `Backup ${index} created.`,
    startedAt: now - (index + 1) * HOUR,
    durationMs: 60_000,
  }));
}

function tasks(taskCount: number, historyRuns: number): SimTask[] {
  const now = Date.now();
  return Array.from({ length: taskCount }, (_, index) => ({
    id: index.toString(16).padStart(32, '0'),
    title: index === 0 ? LONG_HISTORY_TITLE : `task ${String(index).padStart(5, '0')} ${TYPES[index % TYPES.length]}`,
    taskType: TYPES[index % TYPES.length]!,
    cronExpression: '0 0 * * * ?',
    history: index === 0 ? runs(historyRuns, now) : runs(2, now).map((run, n) => (index % 50 === 0 && n === 0 ? { ...run, status: 'failed' } : run)),
  }));
}

export interface LargeWindow {
  window: WindowHarness;
  sim: SimulatedPortal;
  longHistory: TaskRef;
  close(): Promise<void>;
}

/** The keychain is not what is measured: an in-memory SecretStore holds the one password. */
export async function startLargeWindow(taskCount: number, historyRuns: number): Promise<LargeWindow> {
  const sim = await startSimulatedPortal({ host: '127.0.0.1', tasks: tasks(taskCount, historyRuns) });
  const window = await startWindow({ secrets: new MemorySecrets() });
  const portal = await window.service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password', label: 'Big estate' });
  await window.service.pollOnce();
  return {
    window,
    sim,
    longHistory: { portalId: portal.id, taskId: '0'.padStart(32, '0') },
    async close() {
      await window.close();
      await sim.close();
    },
  };
}
