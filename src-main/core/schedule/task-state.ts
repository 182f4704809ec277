import type { ScheduleFields, TaskSchedule } from './types';

/**
 * Whether the portal will run the task: `active` set and `taskState` "active". A state word we have
 * not seen yet counts as not active, so Taskwatch never expects runs it cannot be sure of.
 */
export function isTaskActive(task: Pick<ScheduleFields, 'active' | 'state'>): boolean {
  return task.active && task.state.toLowerCase() === 'active';
}

/** True when the task has had all the runs `maxOccurrences` allows (-1 or null: unlimited). */
export function maxOccurrencesReached(task: Pick<ScheduleFields, 'maxOccurrences'>, runCount: number | null | undefined): boolean {
  const max = task.maxOccurrences;
  return max !== null && max > 0 && runCount !== null && runCount !== undefined && runCount >= max;
}

/** Next run for an active task; null for paused/inactive tasks or when maxOccurrences is reached (runCount known). */
export function nextRunOf(task: ScheduleFields, schedule: TaskSchedule, now: number, runCount?: number | null): number | null {
  if (!isTaskActive(task) || maxOccurrencesReached(task, runCount)) return null;
  return schedule.next(now);
}
