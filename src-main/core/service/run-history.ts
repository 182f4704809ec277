import type { RunView } from '../../contract/models';
import { cacheRun } from '../monitor/cache';
import type { PortalApi } from '../monitor/portal-api';
import { runView } from '../views/run-view';

const PAGE_SIZE = 100;
/** Enough history for any admin question; a task with more is marked incomplete rather than read forever. */
export const MAX_HISTORY_RUNS = 10_000;

/** A task's full run history, newest first, read page by page on demand (never part of a poll). */
export async function readRunHistory(api: PortalApi, taskId: string): Promise<{ runs: RunView[]; complete: boolean }> {
  const runs: RunView[] = [];
  let start: number | null = 0;
  while (start !== null && runs.length < MAX_HISTORY_RUNS) {
    const page = await api.listRuns(taskId, { start, num: PAGE_SIZE });
    runs.push(...page.runs.map((run) => runView(cacheRun(run))));
    start = page.runs.length === 0 ? null : page.nextStart;
  }
  runs.sort((a, b) => (b.created ?? -Infinity) - (a.created ?? -Infinity));
  return { runs, complete: start === null };
}
