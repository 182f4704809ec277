import { describe, expect, it } from 'vitest';
import { parseQuartz, scheduleOf } from '../../../src-main/core/schedule';
import { at, iso, task, upcoming, wall } from './fixtures';

/** A Wednesday: every expectation below is counted from here, in UTC unless stated. */
const NOW = iso('2024-01-03T12:00:00Z');

const cases: Array<[expression: string, words: string, next: string[]]> = [
  ['0 0 * * * ?', 'Every hour', ['2024-01-03T13:00:00.000Z', '2024-01-03T14:00:00.000Z']],
  ['0 0 4 ? * 7', 'At 04:00, only on Saturday', ['2024-01-06T04:00:00.000Z', '2024-01-13T04:00:00.000Z']],
  ['0 0 4 ? * SAT', 'At 04:00, only on Saturday', ['2024-01-06T04:00:00.000Z', '2024-01-13T04:00:00.000Z']],
  ['0 0 4 ? * 1', 'At 04:00, only on Sunday', ['2024-01-07T04:00:00.000Z', '2024-01-14T04:00:00.000Z']],
  ['0 0/15 * * * ?', 'Every 15 minutes', ['2024-01-03T12:15:00.000Z', '2024-01-03T12:30:00.000Z']],
  ['0 0 2 ? * MON-FRI', 'At 02:00, Monday through Friday', ['2024-01-04T02:00:00.000Z', '2024-01-05T02:00:00.000Z', '2024-01-08T02:00:00.000Z']],
  ['0 0 3 L * ?', 'At 03:00, on the last day of the month', ['2024-01-31T03:00:00.000Z', '2024-02-29T03:00:00.000Z']],
  ['0 0 3 15W * ?', 'At 03:00, on the weekday nearest day 15 of the month', ['2024-01-15T03:00:00.000Z', '2024-02-15T03:00:00.000Z']],
  ['0 0 3 LW * ?', 'At 03:00, on the last weekday of the month', ['2024-01-31T03:00:00.000Z', '2024-02-29T03:00:00.000Z', '2024-03-29T03:00:00.000Z']],
  ['0 0 4 ? * 6#3', 'At 04:00, on the third Friday of the month', ['2024-01-19T04:00:00.000Z', '2024-02-16T04:00:00.000Z']],
  ['0 0 12 ? * 4#2', 'At 12:00, on the second Wednesday of the month', ['2024-01-10T12:00:00.000Z', '2024-02-14T12:00:00.000Z']],
  ['0 0 4 ? * 6L', 'At 04:00, on the last Friday of the month', ['2024-01-26T04:00:00.000Z', '2024-02-23T04:00:00.000Z']],
  // `L` alone in day-of-week is Saturday (the week's last day) in Quartz; croner refuses it.
  ['0 0 4 ? * L', 'At 04:00, only on Saturday', ['2024-01-06T04:00:00.000Z', '2024-01-13T04:00:00.000Z']],
  // Quartz wraps ranges past the end of a field; croner refuses them.
  ['0 0 4 ? * FRI-MON', 'At 04:00, Friday through Monday', ['2024-01-05T04:00:00.000Z', '2024-01-06T04:00:00.000Z', '2024-01-07T04:00:00.000Z', '2024-01-08T04:00:00.000Z', '2024-01-12T04:00:00.000Z']],
  ['0 0 22-1 * * ?', 'Every hour, between 22:00 and 01:00', ['2024-01-03T22:00:00.000Z', '2024-01-03T23:00:00.000Z', '2024-01-04T00:00:00.000Z', '2024-01-04T01:00:00.000Z', '2024-01-04T22:00:00.000Z']],
  ['0 0 4 ? * */2', 'At 04:00, every 2 days of the week', ['2024-01-04T04:00:00.000Z', '2024-01-06T04:00:00.000Z', '2024-01-07T04:00:00.000Z', '2024-01-09T04:00:00.000Z']],
  ['0 30 1/2 * * ?', 'At 30 minutes past the hour, every 2 hours, starting at 01:00', ['2024-01-03T13:30:00.000Z', '2024-01-03T15:30:00.000Z']],
  ['0 0 4 ? * 7 2030', 'At 04:00, only on Saturday, only in 2030', ['2030-01-05T04:00:00.000Z', '2030-01-12T04:00:00.000Z']],
  ['0 0 4 ? * 7 2020', 'At 04:00, only on Saturday, only in 2020', []],
];

describe('Quartz expressions', () => {
  it.each(cases)('%s reads "%s" and runs when Quartz would', (expression, words, next) => {
    const schedule = scheduleOf(task({ cronExpression: expression }), 'UTC');
    expect(schedule.kind).toBe('cron');
    expect(schedule.description).toBe(words);
    expect(upcoming(schedule.next, NOW, next.length + 1).slice(0, next.length)).toEqual(next);
  });

  it('numbers weekdays the Quartz way: 7 is Saturday, 1 is Sunday, in the portal zone', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo']) {
      const saturday = scheduleOf(task({ cronExpression: '0 0 4 ? * 7' }), zone).next(NOW)!;
      expect(wall(saturday, zone)).toBe('Sat 04:00');
      const sunday = scheduleOf(task({ cronExpression: '0 0 4 ? * 1' }), zone).next(NOW)!;
      expect(wall(sunday, zone)).toBe('Sun 04:00');
    }
  });

  it('agrees with the reference backup task: its start and last run fell on the Saturday 04:00 of `0 0 4 ? * 7`', () => {
    // From the documented CreateBackup sample: startDate = lastStart = 1634961600000.
    const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7', startDate: 1634961600000, lastStart: 1634961600000 }), 'UTC');
    expect(at(schedule.previous(1634961600000))).toBe('2021-10-23T04:00:00.000Z');
    expect(wall(1634961600000, 'UTC')).toBe('Sat 04:00');
    expect(at(schedule.next(1634961600000))).toBe('2021-10-30T04:00:00.000Z');
    expect(schedule.previous(1634961600000 - 1)).toBeNull(); // before startDate
  });

  it('finds the weekday nearest the 15th when the 15th falls on a weekend', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 3 15W * ?' }), 'UTC');
    expect(at(schedule.next(iso('2024-06-01T00:00:00Z')))).toBe('2024-06-14T03:00:00.000Z'); // Sat 15th -> Fri
    expect(at(schedule.next(iso('2024-09-01T00:00:00Z')))).toBe('2024-09-16T03:00:00.000Z'); // Sun 15th -> Mon
  });

  it('reads names in any case and keeps the expression in Quartz form', () => {
    const schedule = scheduleOf(task({ cronExpression: '  0 0 4 ?  * sat ' }), 'UTC');
    expect(schedule.cron).toBe('0 0 4 ? * SAT');
    expect(at(schedule.next(NOW))).toBe('2024-01-06T04:00:00.000Z');
  });

  it('knows a year-limited schedule is over, but still finds its last run', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7 2020' }), 'UTC');
    expect(schedule.next(NOW)).toBeNull();
    expect(at(schedule.previous(NOW))).toBe('2020-12-26T04:00:00.000Z');
  });

  it.each([
    ['bogus', 'has 1 fields'],
    ['0 0 4 ? *', 'has 5 fields'],
    ['0 0 4 ? * 7 2030 x', 'has 8 fields'],
    ['0 0 4 15 * 2', 'day-of-month and day-of-week are both given'],
    ['0 0 ? * * *', '"?" is only allowed'],
    ['0 0 4 ? * ?', 'both "?"'],
    ['0 0 4 ? * 0', 'day-of-week "0"'],
    ['0 0 4 ? * 8', 'day-of-week "8"'],
  ])('refuses %s as Quartz does (%s)', (expression, reason) => {
    const parsed = parseQuartz(expression);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });

  it.each(['60 0 4 * * ?', '0 0 24 * * ?', '0 0 4 32 * ?', '0 0 4 ? * 2#6'])('has no schedule for out-of-range %s', (expression) => {
    const schedule = scheduleOf(task({ cronExpression: expression }), 'UTC');
    expect(schedule.kind).toBe('unknown');
    expect(schedule.description).toBe('unknown schedule');
    expect(schedule.note).toContain(`Quartz rejects "${expression}"`);
    expect(schedule.next(NOW)).toBeNull();
  });

  // A deliberate difference: Quartz reads the start of these and silently drops the rest (`2-4L` runs as
  // 2-4, `5X` as 5, `LW` in day-of-week as Saturday). Taskwatch says the text is wrong instead of guessing.
  it.each([
    ['0 0 0 ? * 2-4L', 'day-of-week "2-4L": "L", "W" and "#" are not allowed here'],
    ['0 0 0 5X * ?', 'day-of-month "5X": is not a value, range or step'],
    ['0 0 0 ? * LW', 'day-of-week "LW": "L", "W" and "#" are not allowed here'],
  ])('refuses %s, which Quartz would misread', (expression, reason) => {
    const schedule = scheduleOf(task({ cronExpression: expression }), 'UTC');
    expect(schedule).toMatchObject({ kind: 'unknown', description: 'unknown schedule', note: `Taskwatch cannot read "${expression}": ${reason}` });
  });

  // Words for the forms issue 10 found misread; the fire times are in the conformance suite.
  it.each([
    ['0 15 10 L-2 * ?', 'At 10:15, 2 days before the last day of the month'],
    ['0 15 10 L-1W * ?', 'At 10:15, on the weekday nearest 1 day before the last day of the month'],
    ['0 15 10 L-1W,L-1 * ?', 'At 10:15, on the weekday nearest 1 day before the last day of the month and 1 day before the last day of the month'],
    ['0 15 10 1,L * ?', 'At 10:15, on day 1 of the month and on the last day of the month'],
    ['0 15 10 ? * 6L 2002-2005', 'At 10:15, on the last Friday of the month, 2002 through 2005'],
    ['0 0 12 ? * 3#1,5', 'At 12:00, on the first Tuesday of the month'],
    ['0 /5 * * * ?', 'Every 5 minutes'],
    ['0 0 0 ? JAN-MAR/2 *', 'At 00:00, January through March'],
    ['0 0 0 ? 7/6 *', 'At 00:00, only in July'],
    ['0 0 0 31 APR ?', 'At 00:00, on day 31 of the month, only in April (a day that never comes: Quartz never runs it)'],
  ])('words %s as Quartz runs it: "%s"', (expression, words) => {
    expect(scheduleOf(task({ cronExpression: expression }), 'UTC').description).toBe(words);
  });
});
