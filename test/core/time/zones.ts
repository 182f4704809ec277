/** Shared set-up for the zone tests: start times as a portal in a given zone records them. */
import { scheduleOf } from '../../../src-main/core/schedule';
import type { ZoneEvidence } from '../../../src-main/core/time/zone-inference';
import { uncachedOffsetMs } from '../../../src-main/core/time/zone';
import { task } from '../schedule/fixtures';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A Monday in November: Europe and North America on standard time, Lord Howe Island on daylight time. */
export const NOW = Date.parse('2026-11-23T12:00:00Z');
/** A summer day (northern hemisphere) a few months earlier. */
export const JULY = Date.parse('2026-07-15T12:00:00Z');

/** The latest occurrence of `cron` in `zone` at or before `at`: what the portal records as lastStart. */
export function occurrence(cron: string, zone: string, at: number): number {
  const found = scheduleOf(task({ cronExpression: cron }), zone).previous(at);
  if (found === null) throw new Error(`${cron} has no occurrence before ${new Date(at).toISOString()}`);
  return found;
}

/** A task whose epoch start times are its latest occurrences in `zone` before each of `moments`. */
export function scheduled(cron: string, zone: string, ...moments: number[]): ZoneEvidence {
  return { cron, starts: moments.map((at) => occurrence(cron, zone, at)) };
}

/** True when the two zones show the same offset every hour of the year from `from` (asked of Intl directly). */
export function sameClocksForAYear(a: string, b: string, from: number): boolean {
  for (let t = from; t < from + 365 * DAY; t += HOUR) if (uncachedOffsetMs(t, a) !== uncachedOffsetMs(t, b)) return false;
  return true;
}
