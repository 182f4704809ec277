import { describe, expect, it } from 'vitest';
import { defaultGraceMs, findOverdue, scheduleOf, type ScheduleFields } from '../../../src-main/core/schedule';
import { DAY, HOUR, MINUTE, iso, task } from './fixtures';

/** An hourly task (grace 10 min) created on 1 Jan; the run due 12:00 on Wed 3 Jan is the one in question. */
function check(now: string, options: { lastRunAt?: string | null; activeSince?: string; runCount?: number; task?: Partial<ScheduleFields>; zone?: string; graceMs?: number } = {}) {
  const t = task(options.task);
  return findOverdue({
    task: t,
    schedule: scheduleOf(t, options.zone ?? 'UTC'),
    now: iso(now),
    lastRunAt: options.lastRunAt === null ? null : iso(options.lastRunAt ?? '2024-01-03T11:00:02Z'),
    activeSince: options.activeSince ? iso(options.activeSince) : null,
    runCount: options.runCount ?? null,
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
  });
}

describe('grace period', () => {
  it('is 10 % of the interval, at least 10 minutes', () => {
    expect(defaultGraceMs(HOUR)).toBe(10 * MINUTE);
    expect(defaultGraceMs(null)).toBe(10 * MINUTE);
    expect(defaultGraceMs(DAY)).toBe(2.4 * HOUR);
    expect(defaultGraceMs(7 * DAY)).toBe(16.8 * HOUR);
  });
});

describe('a due run that never happened', () => {
  it('is not reported when the run happened on time', () => {
    expect(check('2024-01-03T12:30:00Z', { lastRunAt: '2024-01-03T12:00:05Z' })).toBeNull();
  });

  it('is not reported while the run is late but within grace', () => {
    expect(check('2024-01-03T12:09:59Z')).toBeNull();
  });

  it('is reported once grace has passed, naming the missed run in the portal zone', () => {
    expect(check('2024-01-03T12:11:00Z')).toEqual({
      occurrence: iso('2024-01-03T12:00:00Z'),
      dueBy: iso('2024-01-03T12:10:00Z'),
      message: 'The run due Wed 2024-01-03 12:00 (UTC) has not happened.',
    });
    const berlin = check('2024-01-03T12:11:00Z', { zone: 'Europe/Berlin' });
    expect(berlin?.message).toBe('The run due Wed 2024-01-03 13:00 (Europe/Berlin) has not happened.');
  });

  it('counts a run that started up to a minute early (clock skew), not earlier', () => {
    expect(check('2024-01-03T12:11:00Z', { lastRunAt: '2024-01-03T11:59:30Z' })).toBeNull();
    expect(check('2024-01-03T12:11:00Z', { lastRunAt: '2024-01-03T11:58:30Z' })?.occurrence).toBe(iso('2024-01-03T12:00:00Z'));
  });

  it('is not reported for a paused or inactive task', () => {
    expect(check('2024-01-03T15:00:00Z', { task: { state: 'paused', active: false } })).toBeNull();
    expect(check('2024-01-03T15:00:00Z', { task: { state: 'active', active: false } })).toBeNull();
  });

  it('is not reported for a task created after the occurrence, until its own first run is missed', () => {
    const created = { task: { created: iso('2024-01-03T12:05:00Z') }, lastRunAt: null };
    expect(check('2024-01-03T12:30:00Z', created)).toBeNull();
    expect(check('2024-01-03T13:11:00Z', created)?.occurrence).toBe(iso('2024-01-03T13:00:00Z'));
  });

  it('expects nothing before startDate', () => {
    const later = { task: { startDate: iso('2024-01-03T12:30:00Z') }, lastRunAt: null };
    expect(check('2024-01-03T12:50:00Z', later)).toBeNull();
    expect(check('2024-01-03T13:11:00Z', later)?.occurrence).toBe(iso('2024-01-03T13:00:00Z'));
  });

  it('does not count the runs a paused task skipped once it is resumed', () => {
    const resumed = { activeSince: '2024-01-03T12:05:00Z', lastRunAt: '2024-01-02T08:00:00Z' };
    expect(check('2024-01-03T12:30:00Z', resumed)).toBeNull();
    expect(check('2024-01-03T13:11:00Z', resumed)?.occurrence).toBe(iso('2024-01-03T13:00:00Z'));
  });

  it('is not reported once maxOccurrences runs have happened', () => {
    const limited = { task: { maxOccurrences: 5 } };
    expect(check('2024-01-03T12:11:00Z', { ...limited, runCount: 5 })).toBeNull();
    expect(check('2024-01-03T12:11:00Z', { ...limited, runCount: 4 })?.occurrence).toBe(iso('2024-01-03T12:00:00Z'));
    // Without a run count or a start date to count from, Taskwatch cannot tell whether it is done.
    expect(check('2024-01-03T12:11:00Z', limited)).toBeNull();
  });

  it('keeps the first missed run as the episode while the silence goes on', () => {
    const first = check('2024-01-03T12:11:00Z');
    const second = check('2024-01-03T13:11:00Z');
    const muchLater = check('2024-01-04T09:00:00Z');
    expect(first?.occurrence).toBe(iso('2024-01-03T12:00:00Z'));
    expect(second?.occurrence).toBe(first?.occurrence);
    expect(muchLater?.occurrence).toBe(first?.occurrence);
    expect(second?.message).toBe('No run since the one due Wed 2024-01-03 12:00 (UTC); the latest was due Wed 2024-01-03 13:00.');
  });

  it('clears when a run appears, and a later silence is a new episode', () => {
    expect(check('2024-01-03T13:20:00Z', { lastRunAt: '2024-01-03T13:15:00Z' })).toBeNull();
    expect(check('2024-01-03T14:11:00Z', { lastRunAt: '2024-01-03T13:15:00Z' })?.occurrence).toBe(iso('2024-01-03T14:00:00Z'));
  });

  it('dates a task that never ran from its creation', () => {
    const never = check('2024-01-03T12:11:00Z', { lastRunAt: null });
    expect(never?.occurrence).toBe(iso('2024-01-01T00:00:00Z'));
    expect(check('2024-01-03T12:11:00Z', { lastRunAt: null, task: { created: null } })).toBeNull();
  });

  it('is not reported for an unknown schedule', () => {
    expect(check('2024-01-03T15:00:00Z', { task: { cronExpression: 'garbage' } })).toBeNull();
  });

  it('gives a weekly backup 10 % of its week, or the grace the caller sets', () => {
    const weekly = { task: { cronExpression: '0 0 4 ? * 7' }, lastRunAt: '2023-12-30T04:00:00Z' };
    expect(check('2024-01-06T20:47:00Z', weekly)).toBeNull();
    expect(check('2024-01-06T20:49:00Z', weekly)).toMatchObject({ occurrence: iso('2024-01-06T04:00:00Z'), dueBy: iso('2024-01-06T20:48:00Z') });
    expect(check('2024-01-06T05:01:00Z', { ...weekly, graceMs: HOUR })?.dueBy).toBe(iso('2024-01-06T05:00:00Z'));
  });

  it('works for interval schedules too', () => {
    const every6h = { task: { cronExpression: null, runIntervalSeconds: 21_600, startDate: iso('2024-01-01T00:00:00Z') } };
    expect(check('2024-01-03T12:30:00Z', { ...every6h, lastRunAt: '2024-01-03T12:00:01Z' })).toBeNull();
    // Grace is 36 min (10 % of 6 h).
    expect(check('2024-01-03T18:35:00Z', { ...every6h, lastRunAt: '2024-01-03T12:00:01Z' })).toBeNull();
    expect(check('2024-01-03T18:37:00Z', { ...every6h, lastRunAt: '2024-01-03T12:00:01Z' })?.occurrence).toBe(iso('2024-01-03T18:00:00Z'));
  });
});
