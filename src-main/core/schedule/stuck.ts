import type { StuckFinding } from './types';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** Start times read from "Apr 22, 2021, 2:00:00 AM" strings and from epoch ms may differ by under a second. */
const SAME_START_MS = SECOND;

function median(values: number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `2 h 05 min`, `45 min`, `30 s`. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * A run that began (task.lastStart moved) but is not listed among the completed runs yet, and has been
 * going for longer than `factor` x the median of recent durations, and at least `minThresholdMs`.
 *
 * Thresholds: with no history, 30 minutes. Backups on Kubernetes are cancelled after 2 hours by
 * default, so a warning at 30 minutes leaves the admin time to look before that; a backup that
 * usually takes 50 minutes would only be warned about at 150, after the cancellation, which is what
 * `maxThresholdMs` is for: the caller passes e.g. 100 minutes for CreateBackup tasks so the warning
 * always comes before the portal's time-out.
 */
export function findStuck(args: {
  /** task.lastStart: moves when a run begins. */
  lastStart: number | null;
  /** startedAt of the newest COMPLETED run (runs resource lists completed runs only). */
  newestCompletedStartedAt: number | null;
  /** Durations (created - startedAt) of recent completed runs. */
  recentDurationsMs: number[];
  now: number;
  /** Default 30 min. */
  minThresholdMs?: number;
  /** Default 3 (x median). */
  factor?: number;
  /** Cap on the threshold, e.g. below a known time-out; default none. */
  maxThresholdMs?: number;
}): StuckFinding | null {
  const { lastStart, newestCompletedStartedAt, now } = args;
  if (lastStart === null) return null;
  if (newestCompletedStartedAt !== null && lastStart <= newestCompletedStartedAt + SAME_START_MS) return null;

  const usual = median(args.recentDurationsMs);
  const fromHistory = usual === null ? 0 : (args.factor ?? 3) * usual;
  const thresholdMs = Math.min(args.maxThresholdMs ?? Infinity, Math.max(args.minThresholdMs ?? 30 * MINUTE, fromHistory));
  const runningForMs = now - lastStart;
  if (runningForMs <= thresholdMs) return null;

  const compared = usual === null ? 'no completed runs to compare with' : `usually ${formatDuration(usual)}`;
  return { startedAt: lastStart, runningForMs, thresholdMs, message: `Running for ${formatDuration(runningForMs)} (${compared}).` };
}
