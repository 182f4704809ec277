/** A failing portal is asked less and less often, up to this, so an outage is not hammered. */
export const MAX_BACKOFF_MS = 15 * 60 * 1000;

/**
 * The wait before the next poll: the interval while all is well, doubling with each consecutive failure,
 * never more than 15 minutes (or the interval itself, if that is longer).
 */
export function backoffDelayMs(intervalMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const doubled = intervalMs * 2 ** Math.min(consecutiveFailures - 1, 16);
  return Math.min(doubled, Math.max(intervalMs, MAX_BACKOFF_MS));
}
