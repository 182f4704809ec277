import type { RunView } from '$contract/models';
import type { RunOutcome } from '$contract/vocabulary';

/**
 * The run-history picture's arithmetic, apart from drawing: which expected runs never happened, and
 * runs folded into one column per few pixels, so 10,000 runs cost as much to draw as 200.
 */

/** A run that starts up to a minute before its occurrence still counts for it (as the core judges). */
const CLOCK_SKEW_MS = 60_000;

/** When a run happened, as far as its own facts tell. */
export const runAt = (run: RunView): number | null => run.startedAt ?? run.created;

/**
 * Occurrences (newest first, as the core sends them) with no run between them and the next one:
 * the runs that were due and never happened. Oldest first.
 */
export function missedOccurrences(expected: readonly number[], runs: readonly RunView[]): number[] {
  // Typed arrays sort numbers natively: 10,000 of each, with no comparator called per pair.
  const occurrences = Float64Array.from(expected).sort();
  const times = Float64Array.from(runs.map(runAt).filter((at): at is number => at !== null)).sort();
  const missed: number[] = [];
  let next = 0;
  for (let index = 0; index < occurrences.length; index++) {
    const occurrence = occurrences[index]!;
    const until = (occurrences[index + 1] ?? Infinity) - CLOCK_SKEW_MS;
    while (next < times.length && times[next]! < occurrence - CLOCK_SKEW_MS) next++;
    if (!(next < times.length && times[next]! < until)) missed.push(occurrence);
  }
  return missed;
}

export type OutcomeCounts = Record<RunOutcome, number>;

export interface TimelineBin {
  from: number;
  to: number;
  counts: OutcomeCounts;
  runs: number;
  missed: number;
  /** The longest known duration in the bin, or null when none is known. */
  longestMs: number | null;
}

export interface Timeline {
  from: number;
  to: number;
  bins: TimelineBin[];
  totals: OutcomeCounts;
  runs: number;
  missed: number;
  /** Runs whose duration is known, and the longest of them. */
  timed: number;
  longestMs: number;
  latestFailure: number | null;
}

const noCounts = (): OutcomeCounts => ({ success: 0, failure: 0, skipped: 0, 'in-progress': 0, unknown: 0 });

/** Runs and missed occurrences between `from` and `to`, in `binCount` equal slices of time. */
export function buildTimeline(runs: readonly RunView[], missed: readonly number[], from: number, to: number, binCount: number): Timeline {
  const count = Math.max(1, Math.floor(binCount));
  const span = Math.max(1, to - from);
  const width = span / count;
  const bins: TimelineBin[] = Array.from({ length: count }, (_, index) => ({
    from: from + index * width,
    to: from + (index + 1) * width,
    counts: noCounts(),
    runs: 0,
    missed: 0,
    longestMs: null,
  }));
  const binOf = (at: number) => (at < from || at > to ? null : bins[Math.min(count - 1, Math.floor((at - from) / width))]!);
  const timeline: Timeline = { from, to, bins, totals: noCounts(), runs: 0, missed: 0, timed: 0, longestMs: 0, latestFailure: null };

  for (const run of runs) {
    const at = runAt(run);
    const bin = at === null ? null : binOf(at);
    if (!bin || at === null) continue;
    bin.counts[run.outcome]++;
    bin.runs++;
    timeline.totals[run.outcome]++;
    timeline.runs++;
    if (run.outcome === 'failure') timeline.latestFailure = Math.max(timeline.latestFailure ?? at, at);
    if (run.durationMs !== null) {
      bin.longestMs = Math.max(bin.longestMs ?? 0, run.durationMs);
      timeline.timed++;
      timeline.longestMs = Math.max(timeline.longestMs, run.durationMs);
    }
  }
  for (const occurrence of missed) {
    const bin = binOf(occurrence);
    if (!bin) continue;
    bin.missed++;
    timeline.missed++;
  }
  return timeline;
}

/**
 * One column's stack, top down: failures from the top edge (never thinner than 3 px, so one failure among
 * fifty still shows), then skipped and unclear runs; succeeded runs fill the rest from the bottom.
 */
export function outcomeSegments(bin: TimelineBin, top: number, height: number): Array<{ kind: RunOutcome; y: number; h: number }> {
  const segments: Array<{ kind: RunOutcome; y: number; h: number }> = [];
  if (!bin.runs) return segments;
  let y = top;
  let room = height;
  for (const kind of ['failure', 'skipped', 'unknown', 'in-progress'] as const) {
    const count = bin.counts[kind];
    if (!count) continue;
    const h = Math.min(room, Math.max(3, (height * count) / bin.runs));
    segments.push({ kind, y, h });
    y += h;
    room -= h;
  }
  if (bin.counts.success && room > 0) segments.push({ kind: 'success', y, h: room });
  return segments;
}
