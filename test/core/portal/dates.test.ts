import { describe, expect, it } from 'vitest';
import { parseArcgisDate } from '../../../src-main/core/portal';
import { formatArcgisDate } from '../../../src-main/sim';

const utc = (...parts: [number, number, number, number?, number?, number?]) => Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);

describe('parseArcgisDate', () => {
  it('passes epoch milliseconds through, as numbers or numeric strings', () => {
    expect(parseArcgisDate(1634961600000, 'Europe/Berlin')).toBe(1634961600000);
    expect(parseArcgisDate('1634961600000', 'Europe/Berlin')).toBe(1634961600000);
  });

  it('reads the reference format in UTC by default', () => {
    expect(parseArcgisDate('Apr 21, 2021, 10:42:17 PM')).toBe(utc(2021, 4, 21, 22, 42, 17));
    expect(parseArcgisDate('Apr 22, 2021, 12:00:30 AM', 'UTC')).toBe(utc(2021, 4, 22, 0, 0, 30));
    expect(parseArcgisDate('Apr 22, 2021, 12:00:30 PM', 'UTC')).toBe(utc(2021, 4, 22, 12, 0, 30));
  });

  it("reads zone-less text in the portal's zone", () => {
    expect(parseArcgisDate('Apr 21, 2021, 10:42:17 PM', 'America/New_York')).toBe(utc(2021, 4, 22, 2, 42, 17));
    expect(parseArcgisDate('Jan 5, 2022, 9:00:00 AM', 'Asia/Kolkata')).toBe(utc(2022, 1, 5, 3, 30));
    expect(parseArcgisDate('Jul 1, 2022, 4:00:00 AM', 'Europe/Berlin')).toBe(utc(2022, 7, 1, 2));
  });

  it('accepts the narrow no-break space (U+202F) and NBSP that newer Java puts before AM/PM', () => {
    expect(parseArcgisDate('Apr 21, 2021, 10:42:17\u202fPM', 'UTC')).toBe(utc(2021, 4, 21, 22, 42, 17));
    expect(parseArcgisDate('Apr 21, 2021, 10:42:17\u00a0PM', 'UTC')).toBe(utc(2021, 4, 21, 22, 42, 17));
  });

  it('picks the earlier instant for a time that occurs twice when clocks fall back', () => {
    // 01:30 on 7 Nov 2021 happened in EDT (-4) and again in EST (-5).
    expect(parseArcgisDate('Nov 7, 2021, 1:30:00 AM', 'America/New_York')).toBe(utc(2021, 11, 7, 5, 30));
    expect(parseArcgisDate('Oct 31, 2021, 2:30:00 AM', 'Europe/Berlin')).toBe(utc(2021, 10, 31, 0, 30));
  });

  it('moves a time skipped by spring forward ahead by the gap', () => {
    // 02:30 on 14 Mar 2021 never happened in New York: clocks went from 02:00 EST to 03:00 EDT.
    expect(parseArcgisDate('Mar 14, 2021, 2:30:00 AM', 'America/New_York')).toBe(utc(2021, 3, 14, 7, 30));
    expect(parseArcgisDate('Mar 28, 2021, 2:30:00 AM', 'Europe/Berlin')).toBe(utc(2021, 3, 28, 1, 30));
  });

  it('round-trips every hour of a year written by the simulator, DST included', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe']) {
      let misses = 0;
      for (let t = utc(2021, 1, 1); t < utc(2022, 1, 1); t += 2 * 3_600_000 + 17_000) {
        const parsed = parseArcgisDate(formatArcgisDate(t, zone, t % 2 === 0), zone);
        // Only the second pass through a repeated hour may read back as the first.
        if (parsed !== t) {
          misses += 1;
          expect(t - parsed!).toBeGreaterThan(0);
          expect(t - parsed!).toBeLessThanOrEqual(3_600_000);
        }
      }
      expect(misses).toBeLessThan(3);
    }
  });

  it('reads ISO-8601, with a zone as given and without one in the portal zone', () => {
    expect(parseArcgisDate('2021-04-21T22:42:17Z', 'Europe/Berlin')).toBe(utc(2021, 4, 21, 22, 42, 17));
    expect(parseArcgisDate('2021-04-21T22:42:17.250+02:00', 'UTC')).toBe(utc(2021, 4, 21, 20, 42, 17) + 250);
    expect(parseArcgisDate('2021-04-21T22:42:17', 'Europe/Berlin')).toBe(utc(2021, 4, 21, 20, 42, 17));
    expect(parseArcgisDate('2021-04-21', 'UTC')).toBe(utc(2021, 4, 21));
  });

  it('gives null, never NaN or a throw, for anything unreadable', () => {
    const garbage: unknown[] = [
      '', 'yesterday', 'Feb 30, 2021, 1:00:00 AM', 'Apr 21, 2021, 13:00:00 PM', 'Foo 21, 2021, 1:00:00 AM',
      '2021-13-01', '9'.repeat(400), null, undefined, {}, [], true, Number.NaN, Number.POSITIVE_INFINITY,
    ];
    for (const value of garbage) expect(parseArcgisDate(value, 'UTC')).toBeNull();
  });

  it('gives null for zone-less text when the zone is unknown, but keeps epoch numbers', () => {
    expect(parseArcgisDate('Apr 21, 2021, 10:42:17 PM', 'Mars/Olympus_Mons')).toBeNull();
    expect(parseArcgisDate(1634961600000, 'Mars/Olympus_Mons')).toBe(1634961600000);
  });
});
