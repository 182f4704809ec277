import { describe, expect, it } from 'vitest';
import { civilDate, DAY_MS, wallTime } from '../../../src-main/core/schedule/civil-time';

describe('calendar arithmetic for the Quartz search', () => {
  it('reads a wall-clock time as Date.UTC does, out-of-range fields rolled over', () => {
    const cases: Array<[number, number, number, number, number, number]> = [
      [2026, 11, 23, 21, 0, 0],
      [2024, 2, 29, 23, 59, 59],
      [2026, 13, 1, 0, 0, 0], // month 13: January next year
      [2026, 3, 0, 0, 0, 0], // day 0: the last day of February
      [2026, 12, 31, 24, 0, 0], // hour 24: the next day
      [2026, 1, 1, 0, 0, -1], // a second before: the year before
      [2100, 2, 29, 12, 0, 0], // not a leap year
      [2000, 2, 29, 12, 0, 0], // a leap year
      [2999, 12, 31, 23, 59, 59],
      [1970, 1, 1, 0, 0, 0],
    ];
    for (const [year, month, day, hour, minute, second] of cases) {
      expect(wallTime(year, month, day, hour, minute, second)).toBe(Date.UTC(year, month - 1, day, hour, minute, second));
    }
  });

  it('gives the calendar date of every day as Date does, across leap years and centuries', () => {
    const into = { year: 0, month: 0, day: 0 };
    for (let days = 0; days < 400 * 366 + 31; days += 37) {
      civilDate(days, into);
      const date = new Date(days * DAY_MS);
      expect(into).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
    }
  });
});
