import { describe, expect, it } from 'vitest';
import { findStuck } from '../../../src-main/core/schedule';
import { MINUTE, iso } from './fixtures';

const START = iso('2024-01-06T04:00:00Z');
const PREVIOUS_START = iso('2023-12-30T04:00:00Z');

function check(runningMinutes: number, options: { durations?: number[]; newest?: number | null; lastStart?: number | null; extra?: object } = {}) {
  return findStuck({
    lastStart: options.lastStart === undefined ? START : options.lastStart,
    newestCompletedStartedAt: options.newest === undefined ? PREVIOUS_START : options.newest,
    recentDurationsMs: (options.durations ?? [10, 12, 20]).map((m) => m * MINUTE),
    now: START + runningMinutes * MINUTE,
    ...options.extra,
  });
}

describe('a run that is stuck', () => {
  it('is reported after 3x the median of recent durations', () => {
    // Median 12 min -> 36 min.
    expect(check(36)).toBeNull();
    expect(check(37)).toEqual({
      startedAt: START,
      runningForMs: 37 * MINUTE,
      thresholdMs: 36 * MINUTE,
      message: 'Running for 37 min (usually 12 min).',
    });
  });

  it('takes the middle of an even number of durations', () => {
    expect(check(76, { durations: [10, 20, 30, 40] })?.thresholdMs).toBe(75 * MINUTE);
  });

  it('never warns before 30 minutes, however quick the task usually is', () => {
    expect(check(29, { durations: [1, 2, 3] })).toBeNull();
    expect(check(31, { durations: [1, 2, 3] })?.thresholdMs).toBe(30 * MINUTE);
  });

  it('uses 30 minutes when there is no history', () => {
    expect(check(30, { durations: [], newest: null })).toBeNull();
    expect(check(31, { durations: [], newest: null })?.message).toBe('Running for 31 min (no completed runs to compare with).');
  });

  it('is cleared once the run is listed as completed', () => {
    expect(check(500, { newest: START })).toBeNull();
    expect(check(500, { newest: START - 500 })).toBeNull(); // same start read at second precision
    expect(check(500, { lastStart: null })).toBeNull();
  });

  it('follows the caller: minimum, factor, and a cap below a known time-out', () => {
    expect(check(50, { extra: { minThresholdMs: 60 * MINUTE } })).toBeNull();
    expect(check(25, { extra: { factor: 2, minThresholdMs: 10 * MINUTE } })?.thresholdMs).toBe(24 * MINUTE);
    // A backup that usually takes 50 min would get 150 min, after the portal's 2 h cancellation.
    const backup = { durations: [50, 50, 50], extra: { maxThresholdMs: 100 * MINUTE } };
    expect(check(101, backup)).toMatchObject({ thresholdMs: 100 * MINUTE, message: 'Running for 1 h 41 min (usually 50 min).' });
  });
});
