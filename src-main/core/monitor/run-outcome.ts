import type { RunOutcome } from '../../contract/models';

const SUCCESS = new Set(['succeeded', 'success', 'successful', 'completed', 'complete', 'done', 'ok', 'finished']);
const IN_PROGRESS = new Set(['running', 'started', 'starting', 'inprogress', 'in_progress', 'in-progress', 'executing', 'queued', 'pending', 'submitted', 'scheduled', 'waiting', 'new']);

/**
 * What a run's `status` word means to an admin. The portal documents only `succeeded`; any other word
 * that is not clearly success or still-going counts as a failure (cancelled and timed-out backups are
 * failures to an admin), and the word itself stays visible. No word at all is `unknown`, alerted too.
 */
export function runOutcome(status: string): RunOutcome {
  const word = status.trim().toLowerCase();
  if (word === '') return 'unknown';
  if (SUCCESS.has(word)) return 'success';
  if (IN_PROGRESS.has(word)) return 'in-progress';
  return 'failure';
}

/** Failed runs and runs with no status are worth a notification; success and in-progress are not. */
export const isAlertableOutcome = (outcome: RunOutcome) => outcome === 'failure' || outcome === 'unknown';
