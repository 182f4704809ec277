import { describe, expect, it } from 'vitest';
import { formatUtcOffset, offsetOn, offsetTimeline, offsetsKey } from '../../../src-main/core/time/offset-timeline';
import { HOUR, NOW } from './zones';

const YEAR = 365 * 24 * HOUR;

describe('offset timelines', () => {
  it('knows to the second when Berlin and Lord Howe Island change their clocks', () => {
    const berlin = offsetTimeline('Europe/Berlin', NOW, NOW + YEAR);
    const spring = Date.parse('2027-03-28T01:00:00Z');
    expect(offsetOn(berlin, spring - 1_000)).toBe(HOUR);
    expect(offsetOn(berlin, spring)).toBe(2 * HOUR);
    const lordHowe = offsetTimeline('Australia/Lord_Howe', NOW, NOW + YEAR);
    // Lord Howe Island moves its clocks by half an hour: 02:00 (UTC+11:00) back to 01:30 (UTC+10:30).
    const autumn = Date.parse('2027-04-03T15:00:00Z');
    expect(offsetOn(lordHowe, autumn - 1_000)).toBe(11 * HOUR);
    expect(offsetOn(lordHowe, autumn)).toBe(10.5 * HOUR);
  });

  it('gives zones that keep the same clocks the same key, and others a different one', () => {
    const key = (zone: string) => offsetsKey(offsetTimeline(zone, NOW, NOW + YEAR), NOW, NOW + YEAR);
    expect(key('Europe/Paris')).toBe(key('Europe/Berlin'));
    expect(key('Africa/Lagos')).not.toBe(key('Europe/Berlin'));
    expect(key('America/Havana')).not.toBe(key('America/New_York'));
  });

  it('writes offsets as admins read them', () => {
    expect([5.5 * HOUR, -4 * HOUR, 0, 12.75 * HOUR].map(formatUtcOffset)).toEqual(['UTC+05:30', 'UTC-04:00', 'UTC+00:00', 'UTC+12:45']);
  });
});
