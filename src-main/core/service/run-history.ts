import type { RunView } from '../../contract/models';
import { cacheRun, newestFirst } from '../monitor/cache';
import type { PortalApi } from '../monitor/portal-api';
import { LedgerView, emptyLedger } from '../monitor/run-ledger';
import { readUnknownRuns } from '../monitor/runs-reader';
import { runView } from '../views/run-view';

/** Enough history for any admin question; a task with more is marked incomplete rather than read forever. */
export const MAX_HISTORY_RUNS = 10_000;

/**
 * A task's full run history, newest first, read on demand (never part of a poll). Start times are a
 * fact only where Taskwatch saw them (`seen`: the task's recent runs as on show); the portal has no other.
 */
export async function readRunHistory(api: PortalApi, taskId: string, seen: RunView[], now: number): Promise<{ runs: RunView[]; complete: boolean }> {
  const nothingKnown = new LedgerView(emptyLedger(), now);
  const read = await readUnknownRuns(api, taskId, nothingKnown, {
    firstPageSize: 100,
    catchUpPageSize: 100,
    maxRuns: MAX_HISTORY_RUNS,
    firstLookReadsOnePage: false,
  });
  const seenById = new Map(seen.map((run) => [`${run.id}\u0000${run.created}`, run]));
  const runs = newestFirst(read.unknown.map((run) => cacheRun(run, null)), now).map((run) => {
    const known = seenById.get(`${run.id}\u0000${run.created}`);
    return runView(known ? { ...run, startedAt: known.startedAt } : run);
  });
  return { runs, complete: read.complete };
}
