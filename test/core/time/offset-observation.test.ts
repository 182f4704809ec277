import { describe, expect, it } from 'vitest';
import { offsetFromObservations } from '../../../src-main/core/time/offset-observation';
import { HOUR } from './zones';

const MINUTE = 60_000;
/** A run created `ageMs` before Taskwatch saw it, at a portal `offset` ahead of UTC. */
const seen = (firstSeenAt: number, offset: number, ageMs: number, maxAgeMs = 2 * MINUTE) => ({
  createdAsUtc: firstSeenAt - ageMs + offset,
  firstSeenAt,
  maxAgeMs,
});

describe('learning the UTC offset from runs seen for the first time', () => {
  const at = Date.parse('2026-11-23T12:00:00Z');

  it('finds New York\'s -05:00 from one run seen within a poll interval', () => {
    expect(offsetFromObservations([seen(at, -5 * HOUR, 40_000)])).toEqual([-5 * HOUR]);
  });

  it('keeps every offset a slow poll leaves open, and narrows them with more runs', () => {
    const slow = seen(at, 5.5 * HOUR, 10 * MINUTE, 40 * MINUTE);
    expect(offsetFromObservations([slow])).toEqual([5.5 * HOUR, 5.75 * HOUR, 6 * HOUR]);
    expect(offsetFromObservations([slow, seen(at + HOUR, 5.5 * HOUR, 30_000)])).toEqual([5.5 * HOUR]);
  });

  it('answers nothing when the runs disagree (a clock change between them), and everything without runs', () => {
    expect(offsetFromObservations([seen(at, HOUR, 30_000), seen(at + 30 * 86_400_000, 2 * HOUR, 30_000)])).toEqual([]);
    expect(offsetFromObservations([])).toHaveLength(105);
  });
});
