import type { PortalTask } from '../portal/types';

/** The task fields a schedule is computed from. */
export type ScheduleFields = Pick<
  PortalTask,
  'cronExpression' | 'cronSchedule' | 'runIntervalSeconds' | 'startDate' | 'maxOccurrences' | 'state' | 'active' | 'created' | 'lastStart'
>;

export interface TaskSchedule {
  kind: 'cron' | 'interval' | 'unknown';
  /** The Quartz expression actually used (from cronExpression, or rebuilt from cronSchedule), or null. */
  cron: string | null;
  /** In words, e.g. "Every hour" / "At 04:00, only on Saturday" / "Every 6 hours" / "unknown schedule". */
  description: string;
  /** The canonical IANA zone the occurrences are computed in. */
  timeZone: string;
  /**
   * Why the schedule is not simply the task's cronExpression, or null when it is: Quartz rejects the
   * expression (`Quartz rejects "0 0 * * * *": day-of-month and day-of-week are both given...`, an
   * unknown schedule), or there is none, so cronSchedule or runIntervalSeconds was used, or nothing could be.
   */
  note: string | null;
  /** First occurrence strictly after `after`; null if none (unknown schedule, past maxOccurrences window...). */
  next(after: number): number | null;
  /** Latest occurrence at or before `atOrBefore`; null if none (e.g. before startDate). */
  previous(atOrBefore: number): number | null;
  /** The usual gap between occurrences around `at` (ms), for grace periods; null if unknown. */
  intervalAround(at: number): number | null;
}

export interface OverdueFinding {
  /** The first missed occurrence: the episode key, unchanged while further occurrences are missed. */
  occurrence: number;
  /** When that occurrence counted as missed (occurrence + grace). */
  dueBy: number;
  message: string;
}

export interface StuckFinding {
  startedAt: number;
  runningForMs: number;
  thresholdMs: number;
  message: string;
}
