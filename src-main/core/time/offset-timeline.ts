/**
 * A zone's UTC offsets over a span of time, as a start offset and the exact instants it changes: built
 * once per zone from the runtime's zone data, then answered by binary search. Zone inference asks
 * hundreds of zones about thousands of instants; asking Intl each time would take seconds.
 */
import { uncachedOffsetMs } from './zone';

const SECOND = 1_000;
const DAY = 86_400_000;
/**
 * Offsets are sampled this far apart and every difference is narrowed down to the second. Two changes
 * closer than this would go unseen; in the runtime's data for 2015-2030 the closest pair is 28 days
 * apart (Fiji, 2020-21), then Morocco's Ramadan pause of about 35 days.
 */
const SAMPLE_STEP = 14 * DAY;
/** Spans are widened to whole months either side, so that a poll a minute later reuses the table. */
const PADDING = 30 * DAY;

export interface OffsetChange {
  /** First whole second at which `offsetMs` applies. */
  at: number;
  offsetMs: number;
}

export interface OffsetTimeline {
  readonly zone: string;
  /** Covered span, whole seconds. */
  readonly from: number;
  readonly to: number;
  /** The offset at `from`. */
  readonly startOffsetMs: number;
  /** Sorted by `at`, all within (from, to]. */
  readonly changes: readonly OffsetChange[];
}

const timelines = new Map<string, OffsetTimeline>();

function wholeSecond(t: number): number {
  return Math.floor(t / SECOND) * SECOND;
}

/** Every change between `lo` (offset `loOffset`) and `hi` (offset `hiOffset`), found by bisection. */
function changesBetween(zone: string, lo: number, loOffset: number, hi: number, hiOffset: number, into: OffsetChange[]): void {
  let from = lo;
  let fromOffset = loOffset;
  while (fromOffset !== hiOffset) {
    let a = from;
    let b = hi;
    while (b - a > SECOND) {
      const mid = a + Math.floor((b - a) / (2 * SECOND)) * SECOND;
      if (uncachedOffsetMs(mid, zone) === fromOffset) a = mid;
      else b = mid;
    }
    const offset = uncachedOffsetMs(b, zone);
    into.push({ at: b, offsetMs: offset });
    from = b;
    fromOffset = offset;
  }
}

function build(zone: string, from: number, to: number): OffsetTimeline {
  const startOffsetMs = uncachedOffsetMs(from, zone);
  const changes: OffsetChange[] = [];
  let previous = from;
  let previousOffset = startOffsetMs;
  while (previous < to) {
    const sample = Math.min(previous + SAMPLE_STEP, to);
    const offset = uncachedOffsetMs(sample, zone);
    if (offset !== previousOffset) changesBetween(zone, previous, previousOffset, sample, offset, changes);
    previous = sample;
    previousOffset = offset;
  }
  return { zone, from, to, startOffsetMs, changes };
}

/** The zone's offsets over at least [from, to] (cached; a wider span replaces a narrower one). */
export function offsetTimeline(zone: string, from: number, to: number): OffsetTimeline {
  const known = timelines.get(zone);
  if (known && known.from <= from && known.to >= to) return known;
  const start = wholeSecond(Math.min(from, known?.from ?? from) - PADDING);
  const end = wholeSecond(Math.max(to, known?.to ?? to) + PADDING);
  const timeline = build(zone, start, end);
  timelines.set(zone, timeline);
  return timeline;
}

/** The offset at `t`, which must lie within the timeline's span. */
export function offsetOn(timeline: OffsetTimeline, t: number): number {
  const { changes } = timeline;
  const second = wholeSecond(t);
  let lo = 0;
  let hi = changes.length;
  // The number of changes at or before `second`.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changes[mid]!.at <= second) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? timeline.startOffsetMs : changes[lo - 1]!.offsetMs;
}

/** The offset at `from` and every change in (from, to]: equal strings mean equal offsets over the span. */
export function offsetsKey(timeline: OffsetTimeline, from: number, to: number): string {
  const parts = [String(offsetOn(timeline, from))];
  for (const change of timeline.changes) {
    if (change.at > wholeSecond(from) && change.at <= wholeSecond(to)) parts.push(`${change.at}:${change.offsetMs}`);
  }
  return parts.join(' ');
}

/** `UTC+05:30`, `UTC-04:00`, `UTC+00:00`. */
export function formatUtcOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `UTC${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}
