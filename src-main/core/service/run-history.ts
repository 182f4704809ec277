import type { RunHistoryAnswer } from '../../contract/api';
import type { RunView, TaskRef } from '../../contract/models';
import { cacheRun, newestFirst, runKey } from '../monitor/cache';
import type { PortalApi } from '../monitor/portal-api';
import { runOutcome } from '../monitor/run-outcome';
import { emptyLedger, LedgerView, recordRuns } from '../monitor/run-ledger';
import { readUnknownRuns } from '../monitor/runs-reader';
import type { CachedRun } from '../store/state';
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

/** A first reading starts small: the pages after it are asked for ahead as soon as one shows the portal pages regularly. */
const HISTORY_FIRST_PAGE_SIZE = 100;
/** Histories kept for reopening; each is up to MAX_HISTORY_RUNS runs (a few MB), so only the latest few. */
const KEPT_HISTORIES = 4;
/** Reopening asks for this many runs first: usually every run that came since, in one small page. */
const REOPEN_PAGE_SIZE = 50;
/** A page of 1,000 runs is ~0.2 MB: the admin waits for it, so it is parsed whole (see RunsQuery). */
const HISTORY_WHOLE_ANSWER_BYTES = 1_048_576;
/** A whole history is read to its end: the next pages are asked for while one is read (within the portal's request limit). */
const HISTORY_PAGES_AHEAD = 3;
/** The kept runs a reopening compares the portal's list with: the newest ones, where reading stops. */
const REOPEN_LEDGER_RUNS = 500;

/** A history as read from the portal, newest first. */
interface ReadHistory {
  runs: CachedRun[];
  complete: boolean;
  expected?: Expected;
}

/**
 * Tasks' full run histories, newest first, read on demand (never part of a poll) and kept for the last
 * few tasks: reopening one reads only what came since it was read, down to the first run kept then, not
 * all 10,000 again. Runs still in progress then are read again, so their end shows.
 */
export class RunHistories {
  readonly #kept = new Map<string, ReadHistory>();

  /** Start times are a fact only where Taskwatch saw them (`seen`: the task's recent runs as on show). */
  async read(api: PortalApi, ref: TaskRef, seen: RunView[], now: number, basis: ExpectedRunsBasis | null = null): Promise<RunHistoryAnswer> {
    const key = `${ref.portalId}\u0000${ref.taskId}`;
    const kept = this.#kept.get(key);
    const history = kept ? await readSince(api, ref.taskId, kept, now) : await readAll(api, ref.taskId, now);
    this.#kept.delete(key); // kept again as the most recent
    this.#kept.set(key, history);
    for (const stale of this.#kept.keys()) if (this.#kept.size > KEPT_HISTORIES) this.#kept.delete(stale);
    const seenByKey = new Map(seen.map((run) => [runKey(run), run]));
    // A key is built only for runs with a seen id: not for each of 10,000 runs to find the ten seen.
    const seenIds = new Set(seen.map((run) => run.id));
    const runs = history.runs.map((run) => {
      const known = seenIds.has(run.id) ? seenByKey.get(runKey(run)) : undefined;
      return runView(known ? { ...run, startedAt: known.startedAt } : run);
    });
    const expected = basis ? expectedOccurrences(basis, runs, now, kept?.expected ?? null) : undefined;
    history.expected = expected;
    return expected ? { runs, complete: history.complete, expected: expected.occurrences } : { runs, complete: history.complete };
  }

  /** Forgets the histories of portals no longer configured. */
  keepOnly(portalIds: ReadonlySet<string>): void {
    for (const key of this.#kept.keys()) if (!portalIds.has(key.slice(0, key.indexOf('\u0000')))) this.#kept.delete(key);
  }
}

async function readAll(api: PortalApi, taskId: string, now: number): Promise<ReadHistory> {
  const read = await readUnknownRuns(api, taskId, null, {
    firstPageSize: HISTORY_FIRST_PAGE_SIZE,
    catchUpPageSize: HISTORY_PAGE_SIZE,
    maxRuns: MAX_HISTORY_RUNS,
    firstLookReadsOnePage: false,
    wholeAnswerBytes: HISTORY_WHOLE_ANSWER_BYTES,
    pagesAhead: HISTORY_PAGES_AHEAD,
  });
  return { runs: newestFirst(read.unknown.map((run) => cacheRun(run, null)), now), complete: read.complete };
}

/**
 * The runs listed since `kept` was read, put before it. Reading stops at the first run kept then that had
 * finished and has no run in progress below it; what is listed above that replaces what was kept of it.
 */
async function readSince(api: PortalApi, taskId: string, kept: ReadHistory, now: number): Promise<ReadHistory> {
  const lastOpen = kept.runs.findLastIndex((run) => runOutcome(run.status) === 'in-progress');
  const settled = kept.runs.slice(lastOpen + 1);
  // Reading stops at the newest of these; older ones only slow the ledger down.
  const newest = settled.slice(0, REOPEN_LEDGER_RUNS);
  const ledger = recordRuns(emptyLedger(), newest.map((run) => ({ id: run.id, created: run.created, outcome: runOutcome(run.status) })), now);
  const read = await readUnknownRuns(api, taskId, new LedgerView(ledger, now), {
    firstPageSize: REOPEN_PAGE_SIZE,
    catchUpPageSize: HISTORY_PAGE_SIZE,
    maxRuns: MAX_HISTORY_RUNS,
    firstLookReadsOnePage: false,
    wholeAnswerBytes: HISTORY_WHOLE_ANSWER_BYTES,
  });
  const fresh = read.unknown.map((run) => cacheRun(run, null));
  // No kept run was met (the portal lost them, or the cap was reached): what was read is the history.
  if (!read.reachedKnown) return { runs: newestFirst(fresh, now), complete: read.complete };
  const freshKeys = new Set(fresh.map(runKey));
  let runs = newestFirst([...fresh, ...settled.filter((run) => !freshKeys.has(runKey(run)))], now);
  // The portal lists fewer runs than that: its retention dropped the oldest.
  if (read.total !== null && runs.length > read.total) runs = runs.slice(0, read.total);
  const complete = kept.complete && runs.length <= MAX_HISTORY_RUNS;
  return { runs: runs.slice(0, MAX_HISTORY_RUNS), complete };
}

/** Expected occurrences as computed for one schedule and period, to be extended rather than recomputed. */
export interface Expected {
  /** The schedule they were computed for; null: not reusable. */
  key: string | null;
  /** The start of the period they were computed for. */
  from: number;
  /** Newest first: the newest MAX_EXPECTED_OCCURRENCES from `from` on. */
  occurrences: number[];
}

/**
 * Occurrences from the oldest run read (earlier ones may predate the task, or runs the portal no longer
 * keeps) to the latest one past its grace period (later ones may still be about to run), newest first.
 * `earlier`: the answer for the same task before; for the same cron schedule, over a period that starts
 * no earlier, only the occurrences since are computed.
 */
export function expectedOccurrences(basis: ExpectedRunsBasis, runs: RunView[], now: number, earlier: Expected | null = null): Expected | undefined {
  const { schedule } = basis;
  const oldest = runs.at(-1);
  const oldestAt = oldest ? (oldest.startedAt ?? oldest.created) : null;
  if (schedule.kind === 'unknown' || !basis.active || oldestAt === null) return undefined;
  const from = Math.max(oldestAt - CLOCK_SKEW_MS, basis.activeSince ?? -Infinity);
  // A cron expression and its zone decide every occurrence; other schedules depend on more (start dates).
  const key = schedule.kind === 'cron' ? `${schedule.cron}\u0000${schedule.timeZone}` : null;
  const latest = schedule.previous(now - defaultGraceMs(schedule.intervalAround(now)));
  if (latest === null || latest < from) return { key, from, occurrences: [] };
  const known = key !== null && earlier?.key === key && earlier.from <= from ? earlier.occurrences : [];
  if (known[0] !== undefined && known[0] <= latest) {
    // The oldest runs may have dropped out (the cap, the portal's retention): so do their occurrences.
    const occurrences = [...occurrencesSince(schedule, known[0], latest), ...known].slice(0, MAX_EXPECTED_OCCURRENCES);
    const end = occurrences.findIndex((occurrence) => occurrence < from);
    return { key, from, occurrences: end < 0 ? occurrences : occurrences.slice(0, end) };
  }
  const occurrences = [latest];
  while (occurrences.length < MAX_EXPECTED_OCCURRENCES) {
    const before = occurrencesBefore(schedule, occurrences, from);
    if (before.length === 0) break;
    for (let index = before.length - 1; index >= 0 && occurrences.length < MAX_EXPECTED_OCCURRENCES; index--) occurrences.push(before[index]!);
  }
  return { key, from, occurrences };
}

/** The occurrences after `after` up to `latest`, newest first. */
function occurrencesSince(schedule: TaskSchedule, after: number, latest: number): number[] {
  const since: number[] = [];
  for (let occurrence = schedule.next(after); occurrence !== null && occurrence <= latest; occurrence = schedule.next(occurrence)) since.unshift(occurrence);
  return since;
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
