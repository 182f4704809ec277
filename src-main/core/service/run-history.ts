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
  const occurrences: number[] = [];
  let occurrence = schedule.previous(now - defaultGraceMs(schedule.intervalAround(now)));
  while (occurrence !== null && occurrence >= from && occurrences.length < MAX_EXPECTED_OCCURRENCES) {
    occurrences.push(occurrence);
    const later = occurrences.at(-2);
    occurrence = occurrenceBefore(schedule, occurrence, later === undefined ? null : later - occurrence);
  }
  return occurrences;
}

/**
 * The occurrence before `occurrence`. A schedule's previous() searches (Quartz only computes forward:
 * a dozen steps each, ~0.4 s for 10,000 hourly occurrences); most schedules repeat their last gap, and
 * two forward steps confirm that guess exactly: it is an occurrence, and the next one after it is `occurrence`.
 */
function occurrenceBefore(schedule: TaskSchedule, occurrence: number, lastGap: number | null): number | null {
  if (lastGap !== null && lastGap > 0) {
    const guess = occurrence - lastGap;
    if (schedule.next(guess - 1) === guess && schedule.next(guess) === occurrence) return guess;
  }
  return schedule.previous(occurrence - 1);
}
