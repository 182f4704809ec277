import type { ScheduleFields } from '../../../src-main/core/schedule';

export const iso = (text: string): number => Date.parse(text);
export const at = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An active task with only a cron expression; override what a case needs. */
export function task(overrides: Partial<ScheduleFields> = {}): ScheduleFields {
  return {
    cronExpression: '0 0 * * * ?',
    cronSchedule: null,
    runIntervalSeconds: null,
    startDate: null,
    maxOccurrences: -1,
    state: 'active',
    active: true,
    created: iso('2024-01-01T00:00:00Z'),
    lastStart: null,
    ...overrides,
  };
}

/** The first `count` occurrences after `from`, as ISO strings. */
export function upcoming(next: (after: number) => number | null, from: number, count: number): string[] {
  const found: string[] = [];
  let cursor: number | null = from;
  while (found.length < count && cursor !== null) {
    cursor = next(cursor);
    if (cursor !== null) found.push(at(cursor)!);
  }
  return found;
}

/** Weekday and wall-clock time of `t` in `zone`, e.g. `Sat 04:00`. */
export function wall(t: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(t)
    .replace(',', '');
}
