/**
 * The portal's UTC offset learnt by watching, for portals that write only zone-less dates. A run
 * Taskwatch lists for the first time was created a little before it was seen: its zone-less `created`,
 * read as if it were UTC, is that moment plus the portal's offset. Each such run bounds the offset; the
 * offsets every run allows remain.
 *
 * Assumptions: Taskwatch's clock and the portal's agree within `CLOCK_SKEW_MS`; each run really is new
 * (not history listed on the first poll, which may be any age); the offset did not change between the
 * observations (feed those of the last day or so: across a daylight-saving change they disagree and the
 * answer is empty); offsets are multiples of 15 minutes within -12:00..+14:00.
 */
import { CLOCK_SKEW_MS } from '../schedule';
import { MAX_OFFSET_MS, MIN_OFFSET_MS, OFFSET_STEP_MS } from './fitting-offsets';

export interface OffsetObservation {
  /** The run's zone-less `created` text read as UTC wall time (e.g. parseArcgisDate(text, 'UTC')). */
  createdAsUtc: number;
  /** When Taskwatch first listed the run, by its own clock. */
  firstSeenAt: number;
  /** The longest the run can have existed before that: the poll interval plus its duration (modified - created). */
  maxAgeMs: number;
}

/** The UTC offsets (ms) consistent with every observation, smallest first; all of them when there is none. */
export function offsetFromObservations(observations: readonly OffsetObservation[]): number[] {
  let lowest = MIN_OFFSET_MS;
  let highest = MAX_OFFSET_MS;
  for (const { createdAsUtc, firstSeenAt, maxAgeMs } of observations) {
    // created lies in [firstSeenAt - maxAge - skew, firstSeenAt + skew], and offset = createdAsUtc - created.
    lowest = Math.max(lowest, createdAsUtc - firstSeenAt - CLOCK_SKEW_MS);
    highest = Math.min(highest, createdAsUtc - firstSeenAt + maxAgeMs + CLOCK_SKEW_MS);
  }
  const offsets: number[] = [];
  for (let offset = Math.ceil(lowest / OFFSET_STEP_MS) * OFFSET_STEP_MS; offset <= highest; offset += OFFSET_STEP_MS) offsets.push(offset + 0); // + 0: no -0
  return offsets;
}
