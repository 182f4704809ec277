import type { RunView } from '../../contract/models';
import { runOutcome } from '../monitor/run-outcome';
import type { CachedRun } from '../store/state';

export function runView(run: CachedRun): RunView {
  const end = run.modified ?? run.created;
  const durationMs = run.startedAt !== null && end !== null && end >= run.startedAt ? end - run.startedAt : null;
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
