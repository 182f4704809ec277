import type { TaskState } from '../store/state';
import { runTime } from './cache';

/**
 * A run's record is written about 30 s after the run began (documented samples), and start times from
 * zone-less strings have whole seconds: a `lastStart` this close to the newest run is that run's start.
 */
export const SAME_RUN_TOLERANCE_MS = 60_000;

/** A started run is waited for until it is listed, but not forever if the portal never lists it. */
export const AWAIT_STARTED_RUN_MS = 24 * 60 * 60 * 1000;

/**
 * A run is under way: the task (as the portal lists it now) started after the newest run on record. The
 * one place this is decided; it never looks at the task copy embedded in runs.
 */
export function isRunning(state: TaskState, now: number): boolean {
  const lastStart = state.task.lastStart;
  if (lastStart === null) return false;
  const newest = state.runs[0];
  return !newest || lastStart > runTime(newest, now) + SAME_RUN_TOLERANCE_MS;
}
