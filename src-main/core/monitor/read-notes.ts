import { FUTURE_TOLERANCE_MS } from './run-ledger';
import type { RunsRead } from './runs-reader';

/**
 * What Taskwatch could not read, or had to doubt, in a task's runs, in words for the window and the
 * CLI: it never drops or reinterprets a run silently.
 */
export function readNotes(read: RunsRead, now: number): string[] {
  const notes: string[] = [];
  const count = (predicate: (run: RunsRead['unknown'][number]) => boolean) => read.unknown.filter(predicate).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const noId = count((run) => run.idMissing);
  if (noId > 0) notes.push(`${plural(noId, 'run came', 'runs came')} without a runId; Taskwatch tells them apart by their dates and words.`);
  const undated = count((run) => run.created === null);
  if (undated > 0) notes.push(`${plural(undated, 'run has', 'runs have')} no "created" date; ordered by when Taskwatch first saw them.`);
  const future = count((run) => run.created !== null && run.created > now + FUTURE_TOLERANCE_MS);
  if (future > 0) notes.push(`${plural(future, 'run is', 'runs are')} dated in the future (check the portal's clock and time zone); ordered by when Taskwatch first saw them.`);
  if (read.skipped.length > 0) {
    const first = read.skipped[0]!;
    notes.push(`${plural(read.skipped.length, 'run', 'runs')} could not be read and ${read.skipped.length === 1 ? 'was' : 'were'} left out (${first.reason}).`);
  }
  return notes;
}
