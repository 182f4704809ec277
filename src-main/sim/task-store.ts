/**
 * The simulated portal's tasks and their runs, changed by the API (enable/disable), by tests and the
 * demo (control API), and by the live scheduler. Times come from the injected clock.
 */
import { randomUUID } from 'node:crypto';
import { TaskwatchError } from '../core/errors';
import { failureText, successText } from './run-texts';
import type { StoredTask } from './task-json';
import type { SimHourlyHistory, SimRun, SimRunInput, SimTask } from './types';

const DEFAULT_RUN_MS = 30_000;
const HOUR_MS = 3_600_000;

export function newRunId(): string {
  return randomUUID().replace(/-/g, '');
}

export interface RunOutcome {
  status: string;
  result: string;
  /** When the run finished; default now. */
  at?: number;
}

export class TaskStore {
  readonly #now: () => number;
  readonly #tasks = new Map<string, StoredTask>();
  readonly #runs = new Map<string, SimRun[]>();
  /** Task id -> its runs newest first, kept until the runs change: a 50,000-run history is sorted once. */
  readonly #sorted = new Map<string, SimRun[]>();
  /** Task id -> start of the run in progress (lastStart moved, not listed in /runs yet). */
  readonly #running = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  add(task: SimTask): void {
    const now = this.#now();
    const active = task.active ?? true;
    this.#tasks.set(task.id, {
      id: task.id,
      title: task.title,
      taskType: task.taskType,
      cronExpression: task.cronExpression,
      active,
      taskState: task.taskState ?? (active ? 'active' : 'paused'),
      lastStart: task.lastStart ?? null,
      created: task.created ?? now,
      updated: task.updated ?? task.created ?? now,
      generation: task.generation ?? 1,
      source: task,
    });
    this.#runs.set(task.id, []);
    if (task.history) this.addRuns(task.id, task.history);
  }

  /** Changes a task as an admin editing it would: `updated` and `generation` move. */
  update(id: string, patch: Partial<Omit<SimTask, 'id'>>): void {
    const task = this.get(id);
    const source = { ...task.source, ...patch };
    const active = patch.active ?? task.active;
    Object.assign(task, {
      source,
      title: source.title,
      taskType: source.taskType,
      cronExpression: source.cronExpression,
      active,
      taskState: patch.taskState ?? (patch.active === undefined ? task.taskState : active ? 'active' : 'paused'),
      lastStart: patch.lastStart === undefined ? task.lastStart : patch.lastStart,
      updated: this.#now(),
      generation: task.generation + 1,
    });
  }

  setEnabled(id: string, enabled: boolean): void {
    this.update(id, { active: enabled, taskState: enabled ? 'active' : 'paused' });
  }

  remove(id: string): void {
    this.get(id);
    this.#tasks.delete(id);
    this.#runs.delete(id);
    this.#sorted.delete(id);
    this.#running.delete(id);
  }

  has(id: string): boolean {
    return this.#tasks.has(id);
  }

  get(id: string): StoredTask {
    const task = this.#tasks.get(id);
    if (!task) throw new TaskwatchError('not-found', `The simulated portal has no task "${id}".`);
    return task;
  }

  list(): StoredTask[] {
    return [...this.#tasks.values()];
  }

  /** A run begins: only `lastStart` shows it; /runs lists it once completed. */
  startRun(id: string, at = this.#now()): void {
    const task = this.get(id);
    task.lastStart = at;
    this.#running.set(id, at);
  }

  runningSince(id: string): number | null {
    return this.#running.get(id) ?? null;
  }

  /** The run in progress (or, if none, one that starts and ends now) completes and appears in /runs. */
  completeRun(id: string, outcome: RunOutcome): SimRun & { runId: string } {
    const task = this.get(id);
    const at = outcome.at ?? this.#now();
    const startedAt = this.#running.get(id) ?? at;
    this.#running.delete(id);
    if (task.lastStart === null || task.lastStart < startedAt) task.lastStart = startedAt;
    const run = { runId: newRunId(), status: outcome.status, result: outcome.result, startedAt, created: at, modified: at };
    this.#push(id, [run]);
    return run;
  }

  /** History: completed runs given by start time; `lastStart` follows the newest. */
  addRuns(id: string, runs: SimRunInput[]): void {
    const task = this.get(id);
    const added = runs.map((input): SimRun => {
      const end = input.startedAt + (input.durationMs ?? DEFAULT_RUN_MS);
      const { status, result, startedAt } = input;
      const run: SimRun = { status, result, startedAt, created: input.created === undefined ? end : input.created, modified: end };
      if (input.runId !== null) run.runId = input.runId ?? newRunId();
      if (task.lastStart === null || task.lastStart < startedAt) task.lastStart = startedAt;
      return run;
    });
    this.#push(id, added);
  }

  /** `count` runs an hour apart, the ones at `failAt` failed. */
  addHourlyHistory(id: string, history: SimHourlyHistory): void {
    const { taskType } = this.get(id);
    const failAt = new Set(history.failAt ?? []);
    const runs = Array.from({ length: history.count }, (_, index): SimRunInput => {
      const startedAt = history.from + index * HOUR_MS;
      const failed = failAt.has(index);
      return {
        status: failed ? (history.failStatus ?? 'failed') : 'succeeded',
        result: failed ? (history.failResult ?? failureText(taskType)) : successText(taskType, startedAt),
        startedAt,
        durationMs: history.durationMs,
      };
    });
    this.addRuns(id, runs);
  }

  /** Retention: the portal stops listing runs that started before `time`, as a history cleaner does. */
  forgetRunsBefore(id: string, time: number): void {
    this.get(id);
    this.#runs.set(id, (this.#runs.get(id) ?? []).filter((run) => run.startedAt >= time));
    this.#sorted.delete(id);
  }

  /** Completed runs, newest first (by `created`, or by start where `created` is null). */
  runsOf(id: string): SimRun[] {
    let sorted = this.#sorted.get(id);
    if (!sorted) {
      sorted = [...(this.#runs.get(id) ?? [])].sort((a, b) => listedAt(b) - listedAt(a));
      this.#sorted.set(id, sorted);
    }
    return [...sorted];
  }

  #push(id: string, runs: SimRun[]): void {
    const list = this.#runs.get(id)!;
    for (const run of runs) list.push(run);
    this.#sorted.delete(id);
  }
}

function listedAt(run: SimRun): number {
  return run.created ?? run.startedAt;
}
