import { describe, expect, it } from 'vitest';
import { findOverdue, scheduleOf } from '../../../src-main/core/schedule';
import { HOUR, iso, task, upcoming } from './fixtures';

/** Wall-clock `YYYY-MM-DD HH:mm` of each instant in `zone`. */
function walls(instants: string[], zone: string): string[] {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return instants.map((t) => format.format(Date.parse(t)));
}

/** Every occurrence in [from, to), walking forward with next(). */
function forward(expression: string, zone: string, from: string, to: string): string[] {
  const schedule = scheduleOf(task({ cronExpression: expression }), zone);
  return upcoming(schedule.next, iso(from) - 1, 500).filter((t) => Date.parse(t) < iso(to));
}

/** The same walk backwards with previous(): both directions must list the same runs. */
function backward(expression: string, zone: string, from: string, to: string): string[] {
  const schedule = scheduleOf(task({ cronExpression: expression }), zone);
  const found: string[] = [];
  for (let t = schedule.previous(iso(to) - 1); t !== null && t >= iso(from); t = schedule.previous(t - 1)) {
    found.unshift(new Date(t).toISOString());
  }
  return found;
}

// Quartz on the spring-forward day: a wall-clock time that does not exist does not fire (a daily 02:30
// is skipped that day). On the fall-back day every wall-clock time fires once, in the repeated hour's
// second (standard-time) pass. Exact fire times from the real Quartz are in the conformance suite;
// these walk whole days both ways.
describe('daylight saving, Europe/Berlin 2024 (31 Mar 02:00 -> 03:00, 27 Oct 03:00 -> 02:00)', () => {
  const zone = 'Europe/Berlin';

  it('skips a daily 02:30 on the spring-forward day instead of inventing a 03:00 run', () => {
    const runs = forward('0 30 2 * * ?', zone, '2024-03-29T00:00:00Z', '2024-04-02T00:00:00Z');
    expect(walls(runs, zone)).toEqual(['2024-03-29 02:30', '2024-03-30 02:30', '2024-04-01 02:30']);
    expect(backward('0 30 2 * * ?', zone, '2024-03-29T00:00:00Z', '2024-04-02T00:00:00Z')).toEqual(runs);
  });

  it('runs a daily 02:30 once on the fall-back day', () => {
    const runs = forward('0 30 2 * * ?', zone, '2024-10-26T00:00:00Z', '2024-10-29T00:00:00Z');
    expect(walls(runs, zone)).toEqual(['2024-10-26 02:30', '2024-10-27 02:30', '2024-10-28 02:30']);
    expect(backward('0 30 2 * * ?', zone, '2024-10-26T00:00:00Z', '2024-10-29T00:00:00Z')).toEqual(runs);
  });

  it('has 23 hourly runs on the spring-forward day, none at the missing 02:00', () => {
    const runs = forward('0 0 * * * ?', zone, '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z');
    expect(runs).toHaveLength(23);
    expect(walls(runs, zone)).not.toContain('2024-03-31 02:00');
    expect(walls(runs, zone).slice(0, 3)).toEqual(['2024-03-31 00:00', '2024-03-31 01:00', '2024-03-31 03:00']);
    expect(backward('0 0 * * * ?', zone, '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z')).toEqual(runs);
  });

  it('has 24 hourly runs on the 25-hour fall-back day: the repeated 02:00 fires once', () => {
    const runs = forward('0 0 * * * ?', zone, '2024-10-26T22:00:00Z', '2024-10-27T23:00:00Z');
    expect(runs).toHaveLength(24);
    expect(new Set(walls(runs, zone)).size).toBe(24);
    expect(runs.slice(2, 4)).toEqual(['2024-10-27T01:00:00.000Z', '2024-10-27T02:00:00.000Z']); // 02:00 CET (second pass), 03:00 CET
    expect(backward('0 0 * * * ?', zone, '2024-10-26T22:00:00Z', '2024-10-27T23:00:00Z')).toEqual(runs);
  });

  it('keeps the usual interval for grace periods across the change', () => {
    const schedule = scheduleOf(task({ cronExpression: '0 0 * * * ?' }), zone);
    expect(schedule.intervalAround(iso('2024-03-31T00:30:00Z'))).toBe(HOUR);
    expect(schedule.intervalAround(iso('2024-10-27T01:30:00Z'))).toBe(HOUR);
  });
});

describe('daylight saving, America/New_York 2024 (10 Mar 02:00 -> 03:00, 3 Nov 02:00 -> 01:00)', () => {
  const zone = 'America/New_York';

  it('skips a daily 02:30 on the spring-forward day and keeps it on the fall-back day', () => {
    expect(walls(forward('0 30 2 * * ?', zone, '2024-03-09T00:00:00Z', '2024-03-12T00:00:00Z'), zone)).toEqual([
      '2024-03-09 02:30',
      '2024-03-11 02:30',
    ]);
    expect(walls(forward('0 30 2 * * ?', zone, '2024-11-02T12:00:00Z', '2024-11-05T00:00:00Z'), zone)).toEqual([
      '2024-11-03 02:30',
      '2024-11-04 02:30',
    ]);
  });

  it('runs a daily 01:30 once on the fall-back day, though 01:30 happens twice', () => {
    const runs = forward('0 30 1 * * ?', zone, '2024-11-02T12:00:00Z', '2024-11-05T00:00:00Z');
    expect(runs).toEqual(['2024-11-03T06:30:00.000Z', '2024-11-04T06:30:00.000Z']); // 01:30 EST, the second pass
    expect(backward('0 30 1 * * ?', zone, '2024-11-02T12:00:00Z', '2024-11-05T00:00:00Z')).toEqual(runs);
  });

  it('runs every 15 minutes once per wall-clock time through the repeated hour', () => {
    const runs = forward('0 0/15 * * * ?', zone, '2024-11-03T04:00:00Z', '2024-11-03T08:00:00Z');
    // 00:00-00:45 EDT, then no runs in the first pass 01:00-01:45 EDT, then 01:00 EST onwards.
    expect(new Set(walls(runs, zone)).size).toBe(runs.length);
    expect(runs).toContain('2024-11-03T04:45:00.000Z');
    expect(runs).not.toContain('2024-11-03T05:00:00.000Z');
    expect(runs).toContain('2024-11-03T06:00:00.000Z');
    expect(runs).toHaveLength(12);
    expect(backward('0 0/15 * * * ?', zone, '2024-11-03T04:00:00Z', '2024-11-03T08:00:00Z')).toEqual(runs);
  });

  it('expects the repeated hour\'s run in its second pass, and calls it missed only after that', () => {
    // Hourly: Quartz fires 01:00 at 01:00 EST (06:00Z), never at 01:00 EDT (05:00Z).
    const t = task({ cronExpression: '0 0 * * * ?' });
    const schedule = scheduleOf(t, zone);
    const base = { task: t, schedule, lastRunAt: iso('2024-11-03T04:00:00Z'), activeSince: null, runCount: null };
    expect(findOverdue({ ...base, now: iso('2024-11-03T05:30:00Z') })).toBeNull();
    expect(findOverdue({ ...base, now: iso('2024-11-03T06:09:00Z') })).toBeNull();
    expect(findOverdue({ ...base, now: iso('2024-11-03T06:30:00Z'), lastRunAt: iso('2024-11-03T06:00:01Z') })).toBeNull();
    const missed = findOverdue({ ...base, now: iso('2024-11-03T06:11:00Z') });
    expect(missed).toMatchObject({ occurrence: iso('2024-11-03T06:00:00Z'), dueBy: iso('2024-11-03T06:10:00Z') });
    expect(missed!.message).toBe('The run due Sun 2024-11-03 01:00 (America/New_York) has not happened.');
  });
});

describe('daylight saving, Australia/Lord_Howe 2024 (clocks move 30 minutes: 7 Apr 02:00 -> 01:30, 6 Oct 02:00 -> 02:30)', () => {
  const zone = 'Australia/Lord_Howe';

  it('runs every 15 minutes once per wall-clock time through the repeated half hour, both ways', () => {
    const runs = forward('0 0/15 * * * ?', zone, '2024-04-06T13:00:00Z', '2024-04-06T17:00:00Z');
    expect(new Set(walls(runs, zone)).size).toBe(runs.length);
    expect(walls(runs, zone).filter((w) => w.startsWith('2024-04-07 01:'))).toEqual(['2024-04-07 01:00', '2024-04-07 01:15', '2024-04-07 01:30', '2024-04-07 01:45']);
    expect(backward('0 0/15 * * * ?', zone, '2024-04-06T13:00:00Z', '2024-04-06T17:00:00Z')).toEqual(runs);
  });

  it('skips the times of the missing half hour on the spring-forward day', () => {
    const runs = forward('0 0/15 * * * ?', zone, '2024-10-05T14:00:00Z', '2024-10-05T17:00:00Z');
    expect(walls(runs, zone)).not.toContain('2024-10-06 02:00');
    expect(walls(runs, zone)).not.toContain('2024-10-06 02:15');
    expect(walls(runs, zone)).toContain('2024-10-06 02:30');
    expect(backward('0 0/15 * * * ?', zone, '2024-10-05T14:00:00Z', '2024-10-05T17:00:00Z')).toEqual(runs);
  });
});
