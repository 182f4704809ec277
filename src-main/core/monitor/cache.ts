import type { PortalRun, PortalTask } from '../portal/types';
import type { CachedRun, CachedTask } from '../store/state';

export const CACHED_RUNS_PER_TASK = 10;
export const SEEN_RUN_IDS_PER_TASK = 200;
const RESULT_TEXT_LIMIT = 2_000;

export function cacheTask(task: PortalTask): CachedTask {
  const { raw: _raw, ...fields } = task;
  return fields;
}

/**
 * Keeps what the window and the rules need of a run. A run's embedded task copy is not always the task
 * as it was at that run (the documented sample repeats the newest `lastStart` in every run), so a start
 * later than the run's own completion is discarded rather than trusted.
 */
export function cacheRun(run: PortalRun): CachedRun {
  const plausibleStart = run.startedAt !== null && (run.created === null || run.startedAt <= run.created);
  return {
    id: run.id,
    status: run.status,
    result: run.result.length > RESULT_TEXT_LIMIT ? `${run.result.slice(0, RESULT_TEXT_LIMIT)}…` : run.result,
    created: run.created,
    modified: run.modified,
    startedAt: plausibleStart ? run.startedAt : null,
  };
}

/** Newest first by completion time; runs without a time keep their order at the end. */
export function newestFirst(runs: CachedRun[]): CachedRun[] {
  return [...runs].sort((a, b) => (b.created ?? -Infinity) - (a.created ?? -Infinity));
}

export function mergeRuns(fresh: CachedRun[], known: CachedRun[]): CachedRun[] {
  const byId = new Map<string, CachedRun>();
  for (const run of [...known, ...fresh]) byId.set(run.id, run);
  return newestFirst([...byId.values()]).slice(0, CACHED_RUNS_PER_TASK);
}

/** Fields whose change means the portal did something worth a look at the runs. */
export function taskMoved(previous: CachedTask, current: CachedTask): boolean {
  return previous.lastStart !== current.lastStart || previous.updated !== current.updated;
}

export function taskDiffers(previous: CachedTask, current: CachedTask): boolean {
  return JSON.stringify(previous) !== JSON.stringify(current);
}
