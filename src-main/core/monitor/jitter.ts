/**
 * Spreads polls over time, so that many portals started together do not all hit the network (a shared
 * proxy, portals behind one web adaptor) in the same second, and do not fall back into step later.
 * Jitter only ever lengthens a wait: no poll comes earlier than its interval says.
 */

/** Share of a wait added to it at random. */
export const JITTER_SHARE = 0.1;

/** First polls at start are spread over this much per portal (one portal alone is polled at once). */
const FIRST_POLL_SPREAD_PER_PORTAL_MS = 50;

/** `delayMs`, lengthened by a random share of at most JITTER_SHARE, in whole ms (times are). `random` returns [0, 1). */
export function jitteredMs(delayMs: number, random: () => number): number {
  return Math.round(delayMs + delayMs * JITTER_SHARE * random());
}

/** When a portal's first poll after start comes (whole ms): spread by the number of portals, over at most JITTER_SHARE of its interval. */
export function firstPollDelayMs(portalCount: number, intervalMs: number, random: () => number): number {
  const spreadMs = Math.min(Math.max(0, portalCount - 1) * FIRST_POLL_SPREAD_PER_PORTAL_MS, intervalMs * JITTER_SHARE);
  return Math.round(spreadMs * random());
}
