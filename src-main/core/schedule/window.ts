import type { Occurrences } from './cron-occurrences';

/** Longest maxOccurrences we count out to find the last allowed run; beyond it, no end is applied. */
const MAX_COUNTED = 1_000;
const CACHE_SIZE = 5_000;
const lastAllowedCache = new Map<string, number | null>();

/**
 * The last occurrence a task with `maxOccurrences` may have: its Nth occurrence from `startDate`.
 * undefined when it cannot be known (N too large to count, or the schedule ends first).
 */
function lastAllowed(base: Occurrences, identity: string, startDate: number, max: number): number | undefined {
  if (max > MAX_COUNTED) return undefined;
  const key = `${identity}|${startDate}|${max}`;
  if (!lastAllowedCache.has(key)) {
    let at: number | null = startDate - 1;
    for (let i = 0; i < max && at !== null; i++) at = base.next(at);
    if (lastAllowedCache.size >= CACHE_SIZE) lastAllowedCache.clear();
    lastAllowedCache.set(key, at);
  }
  return lastAllowedCache.get(key) ?? undefined;
}

/**
 * Occurrences limited to the task's window: none before `startDate` (a Quartz trigger does not fire
 * before its start time) and, when `maxOccurrences` > 0 and the start is known, none after the
 * Nth one. `identity` names the base schedule for caching the window's end.
 */
export function windowed(base: Occurrences, identity: string, startDate: number | null, maxOccurrences: number | null): Occurrences {
  if (startDate === null) return base;
  const end = () => (maxOccurrences !== null && maxOccurrences > 0 ? lastAllowed(base, identity, startDate, maxOccurrences) : undefined);
  return {
    next(after) {
      const found = base.next(Math.max(after, startDate - 1));
      const last = end();
      return found !== null && last !== undefined && found > last ? null : found;
    },
    previous(atOrBefore) {
      const last = end();
      const found = base.previous(last !== undefined ? Math.min(atOrBefore, last) : atOrBefore);
      return found !== null && found >= startDate ? found : null;
    },
  };
}
