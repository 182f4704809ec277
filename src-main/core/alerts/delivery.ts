import type { DeliveryRetry } from '../store/state';

/** A notification the OS did not take is tried again after 1, 2, 4, ... minutes. */
export const FIRST_RETRY_MS = 60_000;
/** After failing for this long it is given up: shown in the window as not delivered instead. */
export const GIVE_UP_AFTER_MS = 60 * 60_000;

/** The retry after one more failed attempt at `now`, or 'give-up' once the attempts span the limit. */
export function afterFailedDelivery(previous: DeliveryRetry | null, now: number): DeliveryRetry | 'give-up' {
  const failingSince = previous?.failingSince ?? now;
  if (now - failingSince >= GIVE_UP_AFTER_MS) return 'give-up';
  const failures = (previous?.failures ?? 0) + 1;
  return { failingSince, failures, nextAttemptAt: now + FIRST_RETRY_MS * 2 ** (failures - 1) };
}
