/**
 * Reads a task's runs, newest first, until it reaches runs already processed: one page in steady state,
 * as many as it takes after an absence (no horizon), everything at once from a portal that ignores paging.
 * Only runs not known yet are kept, so memory follows what is new, not the size of the history.
 */
import type { PortalRun, RunsPage, SkippedItem } from '../portal/types';
import type { PortalApi } from './portal-api';
import type { LedgerView } from './run-ledger';
import { RunsDigest } from './runs-digest';

export interface RunsReadOptions {
  /** First page: what a poll needs in steady state. */
  firstPageSize: number;
  /** Further pages while catching up. */
  catchUpPageSize: number;
  /** Runs read at most in one go: beyond it, what is left is reported as unchecked. */
  maxRuns: number;
  /** With nothing known (a first look), the newest page is enough: older history is not news. */
  firstLookReadsOnePage: boolean;
  /** Keep only the unknown runs a poll can use (see RunsDigest), at this time; else keep every one (the history on demand). */
  digestAt?: number;
  /** See RunsQuery. */
  wholeAnswerBytes?: number;
  /**
   * Pages asked for ahead while the portal pages regularly (each answer `num` runs on from the last, with a
   * total): for a history read to its end, so the portal builds the next pages while this one is read.
   * Unused when reading stops early; 0 (the default) for polls, which usually stop at the first page.
   */
  pagesAhead?: number;
}

export interface RunsRead {
  /** Runs the ledger does not know, finished or in progress (with `digestAt`, only those a poll can use). */
  unknown: PortalRun[];
  /** The portal's `total`, if it sent one. */
  total: number | null;
  /** Runs listed, known ones included. */
  read: number;
  /** The earliest `created` among the unknown runs listed (all of them, kept or not). */
  oldestUnknown: number | null;
  /** Reading stopped at a run processed before: everything older was seen. */
  reachedKnown: boolean;
  /** Every run that was asked for was read: the end of the history, a known run, or the newest page of a first look. */
  complete: boolean;
  /** Runs that exist but were not read (own limit, or a portal whose paging repeats itself); null if none or unknown. */
  unread: number | null;
  skipped: SkippedItem[];
}

/** `known` null: nothing is known yet (a first look, or the whole history on demand). */
export async function readUnknownRuns(api: PortalApi, taskId: string, known: LedgerView | null, options: RunsReadOptions): Promise<RunsRead> {
  const reading = new Reading(known, options);
  const pages = new PageSource(api, taskId, options);
  const first = await pages.get(0, options.firstPageSize);
  // A portal that pages oldest first has its news on its last page: read from there back to the first known run.
  if (first.listedOldestFirst && first.total !== null && first.total > first.runs.length) return readBackwards(pages, reading, first.total, options);
  // Oldest first with no total to find the end by: every page must be read; a known run stops nothing.
  const toTheEnd = first.listedOldestFirst;
  for (let page = first; ; page = await pages.get(page.nextStart!, options.catchUpPageSize)) {
    const stopped = reading.take(page, toTheEnd);
    if (stopped) return stopped;
  }
}

/** From the end of a list the portal gives oldest first: its last `num` runs, then the ones before, newest first. */
async function readBackwards(pages: PageSource, reading: Reading, total: number, options: RunsReadOptions): Promise<RunsRead> {
  let end = total;
  let num = options.firstPageSize;
  for (;;) {
    const from = Math.max(0, end - num);
    const page = await pages.get(from, end - from);
    if (page.runs.length > 0 && page.runs.length < end - from) {
      // The portal sends fewer per page than asked (it caps its pages): these are the older ones; ask again for the newest.
      num = page.runs.length;
      continue;
    }
    const stopped = reading.take({ ...page, nextStart: from > 0 ? from : null }, false);
    if (stopped) return stopped;
    end = from;
    num = options.catchUpPageSize;
  }
}

/** What has been read of a task's runs so far, page by page, and when to stop. */
class Reading {
  readonly #kept: { add(run: PortalRun): void; runs(): PortalRun[] };
  readonly #skipped: SkippedItem[] = [];
  #read = 0;
  #total: number | null = null;
  #previousFirstId: string | undefined;
  #oldestUnknown: number | null = null;
  /** A known run was met on some page (read to the end, the known runs come first). */
  #metKnown = false;

  constructor(
    private readonly known: LedgerView | null,
    private readonly options: RunsReadOptions,
  ) {
    this.#kept = options.digestAt === undefined ? everyRun() : new RunsDigest(options.digestAt);
  }

  /** Takes a page: the outcome when reading stops here, or null to read on at `page.nextStart`. `toTheEnd`: a known run stops nothing. */
  take(page: RunsPage, toTheEnd: boolean): RunsRead | null {
    this.#total ??= page.total;
    this.#skipped.push(...page.skipped.map((item) => ({ ...item, index: item.index + this.#read })));
    const repeated = this.#read > 0 && page.runs.length > 0 && page.runs[0]!.id === this.#previousFirstId;
    if (repeated) return this.#outcome({ reachedKnown: false, complete: false });
    this.#previousFirstId = page.runs[0]?.id;
    this.#read += page.runs.length;
    let reachedKnown = false;
    for (const run of page.runs) {
      if (this.known?.known(run)) reachedKnown = true;
      else {
        this.#kept.add(run);
        if (run.created !== null && (this.#oldestUnknown === null || run.created < this.#oldestUnknown)) this.#oldestUnknown = run.created;
      }
    }
    this.#metKnown ||= reachedKnown;
    const more = page.nextStart !== null && page.runs.length > 0;
    const firstLookDone = this.known === null && this.options.firstLookReadsOnePage && !toTheEnd;
    if ((reachedKnown && !toTheEnd) || !more || firstLookDone) return this.#outcome({ reachedKnown: this.#metKnown, complete: true });
    if (this.#read >= this.options.maxRuns) return this.#outcome({ reachedKnown: false, complete: false });
    return null;
  }

  #outcome({ reachedKnown, complete }: { reachedKnown: boolean; complete: boolean }): RunsRead {
    const unread = complete ? null : unreadOf(this.#total, this.#read);
    return { unknown: this.#kept.runs(), oldestUnknown: this.#oldestUnknown, total: this.#total, read: this.#read, reachedKnown, complete, unread, skipped: this.#skipped };
  }
}

/** The portal's pages, with the next ones asked for ahead while its paging is regular (RunsReadOptions.pagesAhead). */
class PageSource {
  readonly #ahead = new Map<number, Promise<RunsPage>>();

  constructor(
    private readonly api: PortalApi,
    private readonly taskId: string,
    private readonly options: RunsReadOptions,
  ) {}

  async get(start: number, num: number): Promise<RunsPage> {
    const asked = this.#ahead.get(start);
    if (asked) this.#ahead.delete(start);
    else this.#ahead.clear(); // off the predicted pages: those asked for are not the portal's next ones
    const page = await (asked ?? this.#ask(start, num));
    const regular = page.nextStart === start + page.runs.length && page.runs.length === num && page.total !== null;
    if (regular && this.options.pagesAhead) {
      const size = this.options.catchUpPageSize;
      for (let ahead = 0, from = page.nextStart!; ahead < this.options.pagesAhead && from < page.total!; ahead++, from += size) {
        if (this.#ahead.has(from)) continue;
        const pending = this.#ask(from, size);
        pending.catch(() => {}); // a failure is met when (if) that page is used
        this.#ahead.set(from, pending);
      }
    }
    return page;
  }

  #ask(start: number, num: number): Promise<RunsPage> {
    return this.api.listRuns(this.taskId, { start, num, wholeAnswerBytes: this.options.wholeAnswerBytes });
  }
}

function everyRun() {
  const runs: PortalRun[] = [];
  return { add: (run: PortalRun) => void runs.push(run), runs: () => runs };
}

function unreadOf(total: number | null, read: number): number | null {
  return total !== null && total > read ? total - read : null;
}
