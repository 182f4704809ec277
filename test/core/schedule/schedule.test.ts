import { describe, expect, it } from 'vitest';
import { cronFromSchedule, nextRunOf, scheduleOf } from '../../../src-main/core/schedule';
import { DAY, HOUR, at, iso, task, upcoming } from './fixtures';

const NOW = iso('2024-01-03T12:00:00Z');
/** The documented CreateBackup sample's cronSchedule (`0 0 4 ? * 7`). */
const WEEKLY_FIELDS = { dayOfWeek: '7', hour: '4', month: '*', dayOfMonth: '?', minute: '0' };
/** The documented cleaner tasks' cronSchedule (`0 0 * * * ?`). */
const HOURLY_FIELDS = { dayOfWeek: '?', hour: '*', month: '*', dayOfMonth: '*', minute: '0' };

describe('rebuilding the expression from cronSchedule', () => {
  it.each([
    [WEEKLY_FIELDS, '0 0 4 ? * 7'],
    [HOURLY_FIELDS, '0 0 * * * ?'],
    [{ ...WEEKLY_FIELDS, second: '30' }, '30 0 4 ? * 7'],
    [{ ...WEEKLY_FIELDS, dayOfMonth: '*' }, '0 0 4 ? * 7'],
    [{ ...HOURLY_FIELDS, dayOfMonth: '15', dayOfWeek: '*' }, '0 0 * 15 * ?'],
    [{ ...WEEKLY_FIELDS, year: '2030' }, '0 0 4 ? * 7 2030'],
  ])('%o -> %s', (fields, expression) => {
    expect(cronFromSchedule(fields)).toEqual({ expression });
  });

  it('does not guess a missing field', () => {
    const { hour: _hour, ...noHour } = WEEKLY_FIELDS;
    expect(cronFromSchedule(noHour)).toEqual({ reason: 'cronSchedule has no hour' });
  });
});

describe('choosing the schedule', () => {
  it('uses cronExpression when it is valid', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7', cronSchedule: HOURLY_FIELDS, runIntervalSeconds: 60 }), 'UTC');
    expect(schedule).toMatchObject({ kind: 'cron', cron: '0 0 4 ? * 7', description: 'At 04:00, only on Saturday', timeZone: 'UTC', note: null });
  });

  it('uses cronSchedule when there is no cronExpression', () => {
    for (const cronExpression of [null, '', '  ']) {
      const schedule = scheduleOf(task({ cronExpression, cronSchedule: WEEKLY_FIELDS, runIntervalSeconds: 3600 }), 'UTC');
      expect(schedule.kind).toBe('cron');
      expect(schedule.cron).toBe('0 0 4 ? * 7');
      expect(schedule.note).toBe('no cronExpression; using cronSchedule');
      expect(at(schedule.next(NOW))).toBe('2024-01-06T04:00:00.000Z');
    }
  });

  it('shows a cronExpression Quartz rejects as an unknown schedule with the reason, never a cruder field', () => {
    for (const [cronExpression, reason] of [
      ['not a cron', 'has 3 fields; Quartz needs 6 or 7 (seconds first, year last)'],
      ['0 0 4 ? * 9', 'day-of-week "9": 9 is outside 1-7'],
    ]) {
      const schedule = scheduleOf(task({ cronExpression, cronSchedule: WEEKLY_FIELDS, runIntervalSeconds: 3600 }), 'UTC');
      expect(schedule).toMatchObject({ kind: 'unknown', cron: null, description: 'unknown schedule' });
      expect(schedule.note).toBe(`Quartz rejects "${cronExpression!.toUpperCase()}": ${reason}`);
      expect(schedule.next(NOW)).toBeNull();
      expect(schedule.previous(NOW)).toBeNull();
    }
  });

  it('falls back to runIntervalSeconds counted from startDate, else created, else lastStart', () => {
    const start = iso('2024-01-01T01:00:00Z');
    const fields = { cronExpression: null, runIntervalSeconds: 21_600 };
    const fromStart = scheduleOf(task({ ...fields, startDate: start, created: iso('2023-12-31T23:59:00Z') }), 'UTC');
    expect(fromStart).toMatchObject({ kind: 'interval', cron: null, description: 'Every 6 hours', note: 'no cronExpression; using runIntervalSeconds' });
    expect(upcoming(fromStart.next, NOW, 2)).toEqual(['2024-01-03T13:00:00.000Z', '2024-01-03T19:00:00.000Z']);
    expect(at(fromStart.previous(NOW))).toBe('2024-01-03T07:00:00.000Z');
    expect(fromStart.intervalAround(NOW)).toBe(6 * HOUR);

    const fromCreated = scheduleOf(task({ ...fields, created: iso('2024-01-01T02:00:00Z') }), 'UTC');
    expect(at(fromCreated.next(NOW))).toBe('2024-01-03T14:00:00.000Z');
    const fromLastStart = scheduleOf(task({ ...fields, created: null, lastStart: iso('2024-01-03T09:30:00Z') }), 'UTC');
    expect(at(fromLastStart.next(NOW))).toBe('2024-01-03T15:30:00.000Z');
  });

  it.each([
    [3600, 'Every hour'],
    [604_800, 'Every week'],
    [86_400, 'Every day'],
    [5400, 'Every 90 minutes'],
    [172_800, 'Every 2 days'],
  ])('words runIntervalSeconds %i as "%s"', (seconds, words) => {
    expect(scheduleOf(task({ cronExpression: null, runIntervalSeconds: seconds }), 'UTC').description).toBe(words);
  });

  it('is an unknown schedule, with no runs, when nothing usable is left', () => {
    const cases = [
      task({ cronExpression: null }),
      task({ cronExpression: 'nonsense', cronSchedule: { minute: '0' } }),
      task({ cronExpression: null, runIntervalSeconds: 3600, startDate: null, created: null, lastStart: null }),
      task({ cronExpression: null, runIntervalSeconds: 0 }),
    ];
    for (const t of cases) {
      const schedule = scheduleOf(t, 'UTC');
      expect(schedule).toMatchObject({ kind: 'unknown', cron: null, description: 'unknown schedule' });
      expect(schedule.note).toBeTruthy();
      expect([schedule.next(NOW), schedule.previous(NOW), schedule.intervalAround(NOW)]).toEqual([null, null, null]);
    }
  });

  it('runs in the portal zone, and says so for an unknown zone rather than assume UTC', () => {
    const berlin = scheduleOf(task({ cronExpression: '0 0 4 ? * 7' }), 'Europe/Berlin');
    expect(at(berlin.next(NOW))).toBe('2024-01-06T03:00:00.000Z');
    expect(scheduleOf(task(), 'utc').timeZone).toBe('UTC');
    expect(scheduleOf(task(), '').timeZone).toBe('UTC');
    const nowhere = scheduleOf(task(), 'Mars/Olympus_Mons');
    expect(nowhere.kind).toBe('unknown');
    expect(nowhere.note).toContain('Mars/Olympus_Mons');
  });
});

describe('start date and maxOccurrences', () => {
  const start = iso('2024-01-06T04:00:00Z');

  it('has no runs before startDate', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7', startDate: start + 1 }), 'UTC');
    expect(at(schedule.next(NOW))).toBe('2024-01-13T04:00:00.000Z');
    expect(schedule.previous(iso('2024-01-10T00:00:00Z'))).toBeNull();
  });

  it('ends after maxOccurrences runs counted from startDate', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7', startDate: start, maxOccurrences: 2 }), 'UTC');
    expect(upcoming(schedule.next, NOW, 5)).toEqual(['2024-01-06T04:00:00.000Z', '2024-01-13T04:00:00.000Z']);
    expect(at(schedule.previous(iso('2024-06-01T00:00:00Z')))).toBe('2024-01-13T04:00:00.000Z');
    const interval = scheduleOf(task({ cronExpression: null, runIntervalSeconds: 86_400, startDate: start, maxOccurrences: 3 }), 'UTC');
    expect(upcoming(interval.next, NOW, 5)).toEqual(['2024-01-06T04:00:00.000Z', '2024-01-07T04:00:00.000Z', '2024-01-08T04:00:00.000Z']);
  });

  it('keeps -1 unlimited', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7', startDate: start, maxOccurrences: -1 }), 'UTC');
    expect(upcoming(schedule.next, NOW, 5)).toHaveLength(5);
  });
});

describe('the usual interval', () => {
  it('ignores the weekend gap of a weekday schedule', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 2 ? * MON-FRI' }), 'UTC');
    expect(schedule.intervalAround(iso('2024-01-06T12:00:00Z'))).toBe(DAY);
  });

  it('is null when there are not two occurrences to measure', () => {
    expect(scheduleOf(task({ cronExpression: '0 0 4 1 1 ? 2020' }), 'UTC').intervalAround(NOW)).toBeNull();
  });
});

describe('next run', () => {
  const schedule = scheduleOf(task({ cronExpression: '0 0 4 ? * 7' }), 'UTC');

  it('is the next occurrence for an active task', () => {
    expect(at(nextRunOf(task(), schedule, NOW))).toBe('2024-01-06T04:00:00.000Z');
  });

  it('is null for a paused or inactive task, or a state word Taskwatch does not know', () => {
    expect(nextRunOf(task({ state: 'paused', active: false }), schedule, NOW)).toBeNull();
    expect(nextRunOf(task({ state: 'active', active: false }), schedule, NOW)).toBeNull();
    expect(nextRunOf(task({ state: 'suspended', active: true }), schedule, NOW)).toBeNull();
  });

  it('is null once maxOccurrences runs have happened', () => {
    const limited = task({ maxOccurrences: 3 });
    expect(nextRunOf(limited, schedule, NOW, 3)).toBeNull();
    expect(at(nextRunOf(limited, schedule, NOW, 2))).toBe('2024-01-06T04:00:00.000Z');
    expect(at(nextRunOf(limited, schedule, NOW, null))).toBe('2024-01-06T04:00:00.000Z');
  });
});
