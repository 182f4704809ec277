/** Schedules of portal tasks: words, occurrences, missed runs and stuck runs. Pure: time comes in as epoch ms. */
export type { OverdueFinding, ScheduleFields, StuckFinding, TaskSchedule } from './types';
export { scheduleOf, cronFromSchedule } from './schedule';
export { nextRunOf, isTaskActive, maxOccurrencesReached } from './task-state';
export { defaultGraceMs, findOverdue, CLOCK_SKEW_MS } from './overdue';
export { findStuck, formatDuration } from './stuck';
export { parseQuartz, type QuartzParse } from './quartz';
export { UNKNOWN_SCHEDULE } from './describe';
