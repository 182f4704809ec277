import { isTaskActive, maxOccurrencesReached } from './task-state';
import type { OverdueFinding, ScheduleFields, TaskSchedule } from './types';
import { formatWallTime } from './zone-time';

const MINUTE = 60_000;
/** A run that starts up to this much before its occurrence still counts for it (portal clock skew). */
export const CLOCK_SKEW_MS = MINUTE;
/** How late a run may be before it counts as missed: 10 % of the interval, at least 10 minutes. */
export function defaultGraceMs(intervalMs: number | null): number {
  return Math.max(10 * MINUTE, intervalMs !== null && intervalMs > 0 ? intervalMs / 10 : 0);
}

/**
 * A due run that never happened (paused scheduler, stuck pod: no failed run, just silence).
 *
 * The latest occurrence past its grace period must have a run that started at or after it (less
 * CLOCK_SKEW_MS). Runs are expected only from the task's creation, its startDate and the moment
 * Taskwatch saw it resumed (`activeSince`), whichever is last. The finding's `occurrence` is the FIRST
 * occurrence missed since the last run, so that while silence goes on the episode keeps one key
 * (the lead notifies once per key); any new run clears it, and a later silence starts a new key.
 *
 * Nothing is reported for paused or inactive tasks, unknown schedules, tasks that have had their
 * `maxOccurrences` (runCount known), or when there is neither a run nor a date from which runs were due.
 */
export function findOverdue(args: {
  task: ScheduleFields;
  schedule: TaskSchedule;
  now: number;
  /** Newest evidence that a run happened: max of the newest run's created/startedAt and task.lastStart. */
  lastRunAt: number | null;
  /** When Taskwatch saw the task become active (resumed), if it did; else rely on created/startDate. */
  activeSince: number | null;
  /** Total runs so far when known (runs page `total`), for maxOccurrences. */
  runCount: number | null;
  /** Per-task override; default defaultGraceMs(interval). */
  graceMs?: number;
}): OverdueFinding | null {
  const { task, schedule, now, lastRunAt, activeSince, runCount } = args;
  if (schedule.kind === 'unknown' || !isTaskActive(task) || maxOccurrencesReached(task, runCount)) return null;
  // A run limit without a run count: only a window counted from startDate can tell when it is used up.
  if (task.maxOccurrences !== null && task.maxOccurrences > 0 && runCount === null && task.startDate === null) return null;

  const graceMs = args.graceMs ?? defaultGraceMs(schedule.intervalAround(now));
  // Quartz fires a repeated hour's times once, in its second pass: the occurrence is the run's time.
  const latest = schedule.previous(now - graceMs);
  if (latest === null) return null;
  if (lastRunAt !== null && lastRunAt >= latest - CLOCK_SKEW_MS) return null;

  const dues = [activeSince, task.created, task.startDate].filter((t): t is number => t !== null);
  const expectedFrom = dues.length > 0 ? Math.max(...dues) : null;
  if (expectedFrom === null && lastRunAt === null) return null;
  if (expectedFrom !== null && expectedFrom > latest) return null;

  const coveredUntil = Math.max(lastRunAt !== null ? lastRunAt + CLOCK_SKEW_MS : -Infinity, expectedFrom !== null ? expectedFrom - 1 : -Infinity);
  const first = schedule.next(coveredUntil);
  if (first === null || first > latest) return null;

  const zone = schedule.timeZone;
  const message =
    first === latest
      ? `The run due ${formatWallTime(first, zone)} (${zone}) has not happened.`
      : `No run since the one due ${formatWallTime(first, zone)} (${zone}); the latest was due ${formatWallTime(latest, zone)}.`;
  return { occurrence: first, dueBy: first + graceMs, message };
}
