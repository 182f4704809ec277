import { describe, expect, it } from 'vitest';
import type { TaskHealth, TaskSummary } from '../../src-main/contract/models';
import { sortRows, toRows } from '../../src-renderer/lib/task-sort';

function task(title: string, health: TaskHealth = 'ok', portalId = 'p1', id = title): TaskSummary {
  return {
    portalId, id, title, taskType: 'CreateBackup', state: 'active', active: true, cron: '0 0 * * * ?', schedule: 'Every hour',
    timeZone: 'UTC', nextRun: null, lastStart: null, lastRun: null, recentOutcomes: [], health, healthMessage: '', notes: [],
  };
}

const titles = (tasks: TaskSummary[], key: Parameters<typeof sortRows>[1], direction: Parameters<typeof sortRows>[2] = 'ascending') =>
  sortRows(toRows(tasks, (id) => (id === 'p1' ? 'Production' : 'Acceptance')), key, direction).map((row) => row.task.title);

describe('the task table order', () => {
  it('orders titles as people count: backup 9 before backup 10, case aside', () => {
    const tasks = ['backup 10', 'Backup 9', 'backup 100', 'archive', 'backup 09b'].map((title) => task(title));
    expect(titles(tasks, 'title')).toEqual(['archive', 'Backup 9', 'backup 09b', 'backup 10', 'backup 100']);
    expect(titles(tasks, 'title', 'descending')).toEqual(['backup 100', 'backup 10', 'backup 09b', 'Backup 9', 'archive']);
  });

  it('puts problems first, then orders each health by portal name and title', () => {
    const tasks = [task('nightly 2', 'ok', 'p1'), task('nightly 10', 'failed', 'p1'), task('nightly 10', 'ok', 'p2', 'x'), task('nightly 1', 'ok', 'p1')];
    const rows = sortRows(toRows(tasks, (id) => (id === 'p1' ? 'Production' : 'Acceptance')), 'health', 'ascending');
    expect(rows.map((row) => `${row.task.health} ${row.portalName} ${row.task.title}`)).toEqual([
      'failed Production nightly 10',
      'ok Acceptance nightly 10',
      'ok Production nightly 1',
      'ok Production nightly 2',
    ]);
  });
});
