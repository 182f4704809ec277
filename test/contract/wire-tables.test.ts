import { describe, expect, it } from 'vitest';
import { commands, encodeEvent } from '../../src-main/contract/api';
import type { RunView, TaskSummary } from '../../src-main/contract/models';
import { RunTable, TaskTable } from '../../src-main/contract/wire-tables';
import { taskSummary } from '../shell/fake-service';

const run = (overrides: Partial<RunView> = {}): RunView => ({
  id: 'run-1',
  status: 'failed',
  outcome: 'failure',
  startedAt: 1_700_000_000_000,
  created: 1_700_000_000_000,
  modified: 1_700_000_060_000,
  durationMs: 60_000,
  result: 'Backup failed: store unreachable',
  ...overrides,
});

const tasks: TaskSummary[] = [
  taskSummary({ lastRun: run(), recentOutcomes: ['failure', 'success'], health: 'failed', healthMessage: 'The last run failed.', nextRun: 1_700_003_600_000 }),
  taskSummary({ id: 'task-2', title: 'Cleanup', cron: null, schedule: 'unknown schedule', active: false, state: 'paused', notes: ['2 runs had no id'] }),
  taskSummary({ id: 'task-3', lastRun: run({ id: 'run-9', status: 'running', outcome: 'in-progress', startedAt: null, modified: null, durationMs: null, result: '' }) }),
];

describe('tables on the wire to the window', () => {
  it('give the window exactly the tasks and runs main had, in fewer bytes', () => {
    const wire = TaskTable.encode(tasks);
    expect(TaskTable.parse(JSON.parse(JSON.stringify(wire)))).toEqual(tasks);
    const many = Array.from({ length: 500 }, (_, index) => ({ ...tasks[0]!, id: `task-${index}` }));
    expect(JSON.stringify(TaskTable.encode(many)).length).toBeLessThan(JSON.stringify(many).length / 2);
    const runs = [run(), run({ id: 'run-2', outcome: 'success', status: 'succeeded', result: 'Backup created.' })];
    expect(RunTable.parse(RunTable.encode(runs))).toEqual(runs);
  });

  it('carry only the declared fields', () => {
    const leaky = { ...tasks[0]!, password: 's3cret-pass' } as TaskSummary;
    expect(JSON.stringify(TaskTable.encode([leaky]))).not.toContain('s3cret-pass');
  });

  it('refuse a table with any cell that is not what its column holds', () => {
    const wire = TaskTable.encode(tasks);
    const tampered = (change: (cells: (number | null)[]) => void) => {
      const cells = [...wire.cells];
      change(cells);
      return TaskTable.safeParse({ ...wire, cells }).success;
    };
    expect(tampered(() => {})).toBe(true);
    expect(tampered((cells) => (cells[2] = wire.texts.length))).toBe(false); // a title past the texts
    expect(tampered((cells) => (cells[9] = 1.5))).toBe(false); // a next run that is no time
    expect(tampered((cells) => (cells[12] = cells[2]!))).toBe(false); // a health outside the vocabulary
    expect(tampered((cells) => cells.pop())).toBe(false); // a row cut short
    expect(TaskTable.safeParse({ ...wire, texts: [...wire.texts.slice(0, -1), 42] }).success).toBe(false);
    // The first task's outcome strip made to hold its title, then to point past the texts.
    const strip = wire.cells[11]!;
    const withList = (list: number[]) => TaskTable.safeParse({ ...wire, lists: wire.lists.map((items, index) => (index === strip ? list : items)) }).success;
    expect(withList([wire.cells[2]!])).toBe(false);
    expect(withList([wire.texts.length])).toBe(false);
  });

  it('are what the snapshot command and event carry', () => {
    const snapshot = { revision: 1, portals: [], tasks, problems: [], settings: commands.updateSettings.output.parse({}), notices: [], undelivered: [] };
    const wire = encodeEvent('snapshot', snapshot) as { tasks: unknown };
    expect(wire.tasks).toEqual(TaskTable.encode(tasks));
    expect(commands.getSnapshot.output.parse(wire)).toEqual(snapshot);
  });
});
