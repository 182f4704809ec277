import type { RunView } from '../../contract/models';
import { runOutcome } from '../monitor/run-outcome';
import type { CachedRun } from '../store/state';

export function runView(run: CachedRun): RunView {
  const durationMs = run.startedAt !== null && run.created !== null ? run.created - run.startedAt : null;
  return {
    id: run.id,
    status: run.status,
    outcome: runOutcome(run.status),
    startedAt: run.startedAt,
    created: run.created,
    modified: run.modified,
    durationMs,
    result: run.result,
  };
}
