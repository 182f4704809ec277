import type { RunHistoryAnswer } from '../../contract/api';
import type { RunView } from '../../contract/models';
import { cacheRun, newestFirst, runKey } from '../monitor/cache';
import type { PortalApi } from '../monitor/portal-api';
import { readUnknownRuns } from '../monitor/runs-reader';
import { CLOCK_SKEW_MS, defaultGraceMs, type TaskSchedule } from '../schedule';
import { runView } from '../views/run-view';

/** Enough history for any admin question; a task with more is marked incomplete rather than read forever. */
export const MAX_HISTORY_RUNS = 10_000;
/**
 * Runs asked for per page: few requests for a long history. Only `f` is documented, so a portal may
 * send fewer (or all at once); the reader follows its `nextStart` either way.
 */
export const HISTORY_PAGE_SIZE = 1_000;
/** Expected occurrences sent with a history: twice the runs, so a task that missed half its runs still shows all. */
export const MAX_EXPECTED_OCCURRENCES = 2 * MAX_HISTORY_RUNS;

/** What the schedule needs to say when runs were due: the task's schedule, and whether it runs at all. */
export interface ExpectedRunsBasis {
  schedule: TaskSchedule;
  active: boolean;
  /** When Taskwatch saw the task resumed: nothing was due before that. */
  activeSince: number | null;
}

/**
 * A task's full run history, newest first, read on demand (never part of a poll). Start times are a
 * fact only where Taskwatch saw them (`seen`: the task's recent runs as on show); the portal has no other.
 */
export async function readRunHistory(
  api: PortalApi,
  taskId: string,
  seen: RunView[],
  now: number,
  basis: ExpectedRunsBasis | null = null,
): Promise<RunHistoryAnswer> {
  const read = await readUnknownRuns(api, taskId, null, {
    firstPageSize: HISTORY_PAGE_SIZE,
    catchUpPageSize: HISTORY_PAGE_SIZE,
    maxRuns: MAX_HISTORY_RUNS,
    firstLookReadsOnePage: false,
  });
  const seenByKey = new Map(seen.map((run) => [runKey(run), run]));
  const runs = newestFirst(read.unknown.map((run) => cacheRun(run, null)), now).map((run) => {
    const known = seenByKey.get(runKey(run));
    return runView(known ? { ...run, startedAt: known.startedAt } : run);
  });
  const expected = basis ? expectedOccurrences(basis, runs, now) : undefined;
  return expected ? { runs, complete: read.complete, expected } : { runs, complete: read.complete };
}

/**
 * Occurrences from the oldest run read (earlier ones may predate the task, or runs the portal no longer
 * keeps) to the latest one past its grace period (later ones may still be about to run), newest first.
 */
export function expectedOccurrences(basis: ExpectedRunsBasis, runs: RunView[], now: number): number[] | undefined {
  const { schedule } = basis;
  const oldest = runs.at(-1);
  const oldestAt = oldest ? (oldest.startedAt ?? oldest.created) : null;
  if (schedule.kind === 'unknown' || !basis.active || oldestAt === null) return undefined;
  const from = Math.max(oldestAt - CLOCK_SKEW_MS, basis.activeSince ?? -Infinity);
  const latest = schedule.previous(now - defaultGraceMs(schedule.intervalAround(now)));
  if (latest === null || latest < from) return [];
  const occurrences = [latest];
  while (occurrences.length < MAX_EXPECTED_OCCURRENCES) {
    const before = occurrencesBefore(schedule, occurrences, from);
    if (before.length === 0) break;
    for (let index = before.length - 1; index >= 0 && occurrences.length < MAX_EXPECTED_OCCURRENCES; index--) occurrences.push(before[index]!);
  }
  return occurrences;
}

/** Occurrences enumerated forward at once: a window spans this many of the last gaps. */
const WINDOW_GAPS = 256;

/**
 * The occurrences just before the oldest one found so far (and not before `from`), oldest first. A
 * schedule's previous() searches (Quartz only computes forward: a dozen steps each, ~0.4 s for 10,000
 * hourly occurrences), so the window before it, sized by the last gap, is walked forward with next():
 * one step per occurrence, exact whatever the gaps. An empty window (a longer gap) falls back to previous().
 */
function occurrencesBefore(schedule: TaskSchedule, newestFirst: number[], from: number): number[] {
  const upper = newestFirst.at(-1)!;
  const gap = newestFirst.length > 1 ? newestFirst.at(-2)! - upper : null;
  if (gap !== null && gap > 0) {
    const lower = Math.max(from, upper - WINDOW_GAPS * gap);
    const found: number[] = [];
    for (let occurrence = schedule.next(lower - 1); occurrence !== null && occurrence < upper; occurrence = schedule.next(occurrence)) found.push(occurrence);
    if (found.length > 0 || lower === from) return found;
  }
  const previous = schedule.previous(upper - 1);
  return previous !== null && previous >= from ? [previous] : [];
}
