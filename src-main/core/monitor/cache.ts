import { interned } from '../portal/interned';
import type { PortalRun, PortalTask } from '../portal/types';
import type { CachedRun, CachedTask } from '../store/state';
import { trustedCreated } from './run-ledger';

export const CACHED_RUNS_PER_TASK = 10;
const RESULT_TEXT_LIMIT = 2_000;

/**
 * The task as the state keeps it: the listed task itself, which holds its own fields and nothing more, so
 * that a fleet's tasks are held once (the client keeps its last list: the same answer, the same objects).
 * Neither side changes it: a change is a new object.
 */
export function cacheTask(task: PortalTask): CachedTask {
  return task;
}

/** What is kept of a run: its own facts, the result clipped. `seenAt` is null for first-look history. */
export function cacheRun(run: PortalRun, seenAt: number | null): CachedRun {
  return {
    id: run.id,
    status: interned(run.status),
    result: run.result.length > RESULT_TEXT_LIMIT ? `${run.result.slice(0, RESULT_TEXT_LIMIT)}…` : interned(run.result),
    created: run.created,
    modified: run.modified,
    startedAt: null,
    seenAt,
  };
}

/**
 * When a run happened, for ordering: its `created` where that can be believed, else when Taskwatch first
 * listed it. Undated history from a first look sorts last.
 */
export function runTime(run: CachedRun, now: number): number {
  return trustedCreated(run, now) ?? run.seenAt ?? -Infinity;
}

/** Newest first (`runs` itself when it already is); ties keep the portal's order. */
export function newestFirst(runs: CachedRun[], now: number): CachedRun[] {
  // Portals list runs newest first: a history's 10,000 then need no sort.
  if (runs.every((run, index) => index === 0 || runTime(runs[index - 1]!, now) >= runTime(run, now))) return runs;
  return runs
    .map((run, index) => ({ run, index, at: runTime(run, now) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map(({ run }) => run);
}

/** One run, however often it is listed: its id and its time (a portal may reuse an id for a later run). */
export const runKey = (run: Pick<CachedRun, 'id' | 'created'>) => `${run.id}\u0000${run.created}`;

/** The newest few, fresh copies replacing known ones of the same id and time; known start times are kept. */
export function mergeRuns(fresh: CachedRun[], known: CachedRun[], now: number): CachedRun[] {
  const byKey = new Map<string, CachedRun>();
  for (const run of known) byKey.set(runKey(run), run);
  for (const run of fresh) {
    const before = byKey.get(runKey(run));
    byKey.set(runKey(run), before ? { ...run, startedAt: before.startedAt, seenAt: before.seenAt } : run);
  }
  return newestFirst([...byKey.values()], now).slice(0, CACHED_RUNS_PER_TASK);
}

/** Fields whose change means the portal did something worth a look at the runs. */
export function taskMoved(previous: CachedTask, current: CachedTask): boolean {
  return previous.lastStart !== current.lastStart || previous.updated !== current.updated;
}

export function taskDiffers(previous: CachedTask, current: CachedTask): boolean {
  return JSON.stringify(previous) !== JSON.stringify(current);
}
