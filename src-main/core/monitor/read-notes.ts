import type { SkippedItem } from '../portal/types';
import type { CachedRun, Outrun } from '../store/state';
import { STAND_IN_RUN_ID_PREFIX } from '../portal/schemas';
import { FUTURE_TOLERANCE_MS } from './run-ledger';

/**
 * What Taskwatch could not read, or had to doubt, in a task's latest runs, in words for the window and
 * the CLI: it never drops or reinterprets a run silently.
 */
export function readNotes(latestRuns: CachedRun[], skipped: SkippedItem[], outrun: Outrun | null, now: number): string[] {
  const notes: string[] = [];
  const count = (predicate: (run: CachedRun) => boolean) => latestRuns.filter(predicate).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const noId = count((run) => run.id.startsWith(STAND_IN_RUN_ID_PREFIX));
  if (noId > 0) notes.push(`${plural(noId, 'recent run came', 'recent runs came')} without a runId; Taskwatch tells them apart by their dates and words.`);
  const undated = count((run) => run.created === null);
  if (undated > 0) notes.push(`${plural(undated, 'recent run has', 'recent runs have')} no "created" date; ordered by when Taskwatch first saw them.`);
  const future = count((run) => run.created !== null && run.created > now + FUTURE_TOLERANCE_MS);
  if (future > 0) notes.push(`${plural(future, 'recent run is', 'recent runs are')} dated in the future (check the portal's clock and time zone); ordered by when Taskwatch first saw them.`);
  if (skipped.length > 0) {
    notes.push(`${plural(skipped.length, 'run', 'runs')} could not be read and ${skipped.length === 1 ? 'was' : 'were'} left out (${skipped[0]!.reason}).`);
  }
  if (outrun) notes.push('A run that started before the latest start is not listed yet (still running?); Taskwatch reads this task\'s runs at every poll until it is, for up to a day.');
  return notes;
}
