/**
 * Runs that outlast the next start. The runs resource lists completed runs only, and `lastStart` is only
 * the newest start: a run still going when the next one starts (a backup overrunning its hour, the next
 * occurrence perhaps recorded as skipped) ends later without `lastStart` moving, so nothing in the task
 * list says it ended. When `lastStart` moves on while the start before it had no run listed yet, the
 * task's runs are read at every poll until as many runs have been listed since that start as starts were
 * seen, or a day has passed (a portal that never lists a run must not be read at every poll for ever).
 */
import type { CachedRun, CachedTask, Outrun, TaskState } from '../store/state';
import { AWAIT_STARTED_RUN_MS, isRunning, SAME_RUN_TOLERANCE_MS } from './running';

/**
 * What is still waited for after a read of the task's runs: `known` as it was before the read, `current`
 * the task as listed now, `news` the finished runs this read found that were not processed before.
 */
export function outrunAfterRead(known: TaskState | undefined, current: CachedTask, news: readonly CachedRun[], now: number): Outrun | null {
  if (!known) return null;
  const previousStart = known.task.lastStart;
  const moved = current.lastStart !== previousStart;
  let outrun = known.outrun;
  if (outrun && moved) outrun = { ...outrun, starts: outrun.starts + 1 };
  else if (moved && previousStart !== null && isRunning(known, now)) outrun = { since: previousStart, starts: 2, listed: 0 };
  if (!outrun) return null;
  const since = outrun.since - SAME_RUN_TOLERANCE_MS;
  const listed = outrun.listed + news.filter((run) => run.created === null || run.created >= since).length;
  return listed >= outrun.starts || now - outrun.since > AWAIT_STARTED_RUN_MS ? null : { ...outrun, listed };
}
