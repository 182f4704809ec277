import type { Occurrences } from './cron-occurrences';

/**
 * A fixed period from an anchor: `anchor + k * period` for k >= 0. Elapsed time, so daylight saving
 * does not move it (like a Quartz simple trigger).
 */
export function intervalOccurrences(anchor: number, periodMs: number): Occurrences {
  return {
    next(after) {
      if (after < anchor) return anchor;
      return anchor + (Math.floor((after - anchor) / periodMs) + 1) * periodMs;
    },
    previous(atOrBefore) {
      if (atOrBefore < anchor) return null;
      return anchor + Math.floor((atOrBefore - anchor) / periodMs) * periodMs;
    },
  };
}
