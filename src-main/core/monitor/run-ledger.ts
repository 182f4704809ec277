/**
 * Tells news from history among a task's runs, whatever the portal does with paging: it may honour
 * `start`/`num`, ignore them and return all 50,000 runs every time, reuse a run id, leave out `created`
 * or send one in the future. A capped list of ids is not enough (an old run beyond the cap would be news
 * again), so novelty is decided by time first and by id only near the newest time seen:
 *
 * - `through`: the newest trustworthy `created` of a finished run processed. A run created more than
 *   HISTORY_SLACK_MS before it is history, whatever its id.
 * - `recent`: `[id, created]` of finished runs processed within that slack, and of undated ones. A run
 *   matching one (same id, not created later) was processed; the same id created later is a new run.
 * - `open`: runs listed while still in progress: when they finish they are news, even if `through` has
 *   moved past them meanwhile.
 */
import type { RunOutcome } from '../../contract/vocabulary';
import type { RunLedger } from '../store/state';

export const HISTORY_SLACK_MS = 24 * 60 * 60 * 1000;
/** A `created` further ahead of this computer's clock than this is not trusted as a time. */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
/** Dates read from zone-less strings have whole seconds; the same run may come back a little apart. */
const SAME_TIME_MS = 1_000;
/** Undated runs can only be told apart by id: remember this many (they are rare). */
const MAX_UNDATED = 5_000;
const OPEN_RUN_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;

export interface LedgerRun {
  id: string;
  created: number | null;
}

export const emptyLedger = (): RunLedger => ({ through: null, recent: [], open: [] });

/** The run's `created` if it can be believed as a time: present and not in the future. */
export function trustedCreated(run: LedgerRun, now: number): number | null {
  return run.created !== null && run.created <= now + FUTURE_TOLERANCE_MS ? run.created : null;
}

/** From when trustedCreated believes the run's `created` (the clock has come near enough to it); null: never. */
export function trustedFrom(run: LedgerRun): number | null {
  return run.created === null ? null : run.created - FUTURE_TOLERANCE_MS;
}

/** Fast lookups over one ledger, built once per read of a task's runs. */
export class LedgerView {
  readonly #recent = new Map<string, Array<number | null>>();
  readonly #open: Set<string>;

  constructor(
    readonly ledger: RunLedger,
    private readonly now: number,
  ) {
    for (const [id, created] of ledger.recent) {
      const times = this.#recent.get(id);
      if (times) times.push(created);
      else this.#recent.set(id, [created]);
    }
    this.#open = new Set(ledger.open.map(([id]) => id));
  }

  /** Processed before as finished: same id, and not created later than the one recorded. */
  processed(run: LedgerRun): boolean {
    const times = this.#recent.get(run.id);
    if (!times) return false;
    const created = trustedCreated(run, this.now);
    return times.some((recorded) => recorded === null || created === null || recorded >= created - SAME_TIME_MS);
  }

  /** Long before the newest run processed: history, whatever its id. */
  isHistory(run: LedgerRun): boolean {
    const created = trustedCreated(run, this.now);
    const { through } = this.ledger;
    return created !== null && through !== null && created < through - HISTORY_SLACK_MS && !this.#open.has(run.id);
  }

  /** Already known in any way: an older page beyond it holds nothing new. */
  known(run: LedgerRun): boolean {
    return this.processed(run) || this.isHistory(run);
  }

  /** A finished run not processed before. In-progress runs are never news: their end will be. */
  isNews(run: LedgerRun, outcome: RunOutcome): boolean {
    return outcome !== 'in-progress' && !this.known(run);
  }
}

/** Records runs as processed (finished) or open (in progress) and forgets what the watermark covers. */
export function recordRuns(ledger: RunLedger, runs: Array<LedgerRun & { outcome: RunOutcome }>, now: number): RunLedger {
  let through = ledger.through;
  const recent = [...ledger.recent];
  const open = new Map(ledger.open);
  for (const run of runs) {
    if (run.outcome === 'in-progress') {
      if (!open.has(run.id)) open.set(run.id, now);
      continue;
    }
    open.delete(run.id);
    const created = trustedCreated(run, now);
    recent.push([run.id, created]);
    if (created !== null && (through === null || created > through)) through = created;
  }
  return prune({ through, recent, open: [...open] }, now);
}

function prune(ledger: RunLedger, now: number): RunLedger {
  const { through } = ledger;
  const seen = new Set<string>();
  const dated: Array<[string, number | null]> = [];
  const undated: Array<[string, number | null]> = [];
  // Newest entries win; duplicates of the same id and time are kept once.
  for (let index = ledger.recent.length - 1; index >= 0; index--) {
    const entry = ledger.recent[index]!;
    const key = `${entry[0]}\u0000${entry[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (entry[1] === null) undated.push(entry);
    else if (through === null || entry[1] >= through - HISTORY_SLACK_MS) dated.push(entry);
  }
  return {
    through,
    // concat, not a spread: it makes an array of exactly this length, where a spread leaves room for 17
    // (a fleet keeps a ledger per task).
    recent: undated.slice(0, MAX_UNDATED).reverse().concat(dated.reverse()),
    open: ledger.open.filter(([, seenAt]) => now - seenAt < OPEN_RUN_MEMORY_MS),
  };
}
