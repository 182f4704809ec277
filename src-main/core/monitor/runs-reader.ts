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
  const kept: { add(run: PortalRun): void; runs(): PortalRun[] } = options.digestAt === undefined ? everyRun() : new RunsDigest(options.digestAt);
  const skipped: SkippedItem[] = [];
  let read = 0;
  let total: number | null = null;
  let start = 0;
  let num = options.firstPageSize;
  let previousFirstId: string | undefined;
  let oldestUnknown: number | null = null;
  const pages = new PageSource(api, taskId, options);
  for (;;) {
    const page = await pages.get(start, num);
    total ??= page.total;
    skipped.push(...page.skipped.map((item) => ({ ...item, index: item.index + read })));
    const repeated = read > 0 && page.runs.length > 0 && page.runs[0]!.id === previousFirstId;
    if (repeated) return { unknown: kept.runs(), oldestUnknown, total, read, reachedKnown: false, complete: false, unread: unreadOf(total, read), skipped };
    previousFirstId = page.runs[0]?.id;
    read += page.runs.length;
    let reachedKnown = false;
    for (const run of page.runs) {
      if (known?.known(run)) reachedKnown = true;
      else {
        kept.add(run);
        if (run.created !== null && (oldestUnknown === null || run.created < oldestUnknown)) oldestUnknown = run.created;
      }
    }
    const more = page.nextStart !== null && page.runs.length > 0;
    if (reachedKnown || !more || (known === null && options.firstLookReadsOnePage)) {
      return { unknown: kept.runs(), oldestUnknown, total, read, reachedKnown, complete: true, unread: null, skipped };
    }
    if (read >= options.maxRuns) return { unknown: kept.runs(), oldestUnknown, total, read, reachedKnown: false, complete: false, unread: unreadOf(total, read), skipped };
    start = page.nextStart!;
    num = options.catchUpPageSize;
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
