import type { RunOutcome } from '../../contract/vocabulary';

/** Documented: `succeeded`; the rest are words other tools and releases use for the same. */
const SUCCESS = new Set(['succeeded', 'success', 'successful', 'completed', 'complete', 'done', 'ok', 'finished']);
/** Documented: `scheduled`, `executing`. */
const IN_PROGRESS = new Set(['scheduled', 'executing', 'running', 'started', 'starting', 'inprogress', 'in_progress', 'in-progress', 'queued', 'pending', 'submitted', 'waiting', 'new']);
/** Documented: `skipped`, an occurrence that did not run. */
const SKIPPED = new Set(['skipped']);

/**
 * What a run's `status` word means to an admin. Documented words are `scheduled | executing | succeeded
 * | skipped | failed | submitfailed`; any word that is not clearly success, skipped or still going counts
 * as a failure (cancelled and timed-out backups are failures to an admin), and the word itself stays
 * visible. No word at all is `unknown`, alerted too.
 */
export function runOutcome(status: string): RunOutcome {
  const word = status.trim().toLowerCase();
  if (word === '') return 'unknown';
  if (SUCCESS.has(word)) return 'success';
  if (IN_PROGRESS.has(word)) return 'in-progress';
  if (SKIPPED.has(word)) return 'skipped';
  return 'failure';
}

/** The alert a finished run raises, if any: failures and wordless runs fail, skipped runs did not happen. */
export function alertKindOfOutcome(outcome: RunOutcome): 'failed-run' | 'skipped-run' | null {
  if (outcome === 'failure' || outcome === 'unknown') return 'failed-run';
  if (outcome === 'skipped') return 'skipped-run';
  return null;
}
