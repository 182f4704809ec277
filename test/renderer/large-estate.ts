/**
 * A portal the size of a large ArcGIS Enterprise estate: `taskCount` tasks (a mix of types, some failing)
 * and one task with `historyRuns` runs. Served in the test's process (scale-fixture.ts) or in a process of
 * its own (large-portal-process.mjs, for the bench).
 */
import type { SimRunInput, SimTask } from '../../src-main/sim';

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

export function largeEstate(taskCount: number, historyRuns: number): SimTask[] {
  const now = Date.now();
  return Array.from({ length: taskCount }, (_, index) => ({
    id: index.toString(16).padStart(32, '0'),
    title: index === 0 ? LONG_HISTORY_TITLE : `task ${String(index).padStart(5, '0')} ${TYPES[index % TYPES.length]}`,
    taskType: TYPES[index % TYPES.length]!,
    cronExpression: '0 0 * * * ?',
    history: index === 0 ? runs(historyRuns, now) : runs(2, now).map((run, n) => (index % 50 === 0 && n === 0 ? { ...run, status: 'failed' } : run)),
  }));
}

