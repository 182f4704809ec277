import type { PortalRun } from '../portal/types';
import { CACHED_RUNS_PER_TASK } from './cache';
import { HISTORY_SLACK_MS, trustedCreated } from './run-ledger';
import { alertKindOfOutcome, runOutcome } from './run-outcome';

/** Compacting this often keeps a 50,000-run answer to a few hundred runs held at once. */
const COMPACT_AFTER = 1_000;
const MAX_UNDATED = 5_000;

/**
 * What a poll keeps of the runs it did not know: everything it can use, nothing more. A portal that
 * ignores paging sends its whole history; of it the monitor needs the runs to alert (failures,
 * skipped), those still going, the newest few (for the window and durations), those near the newest
 * (the ledger remembers them by id), and undated ones (told apart by id only). The rest is history.
 */
export class RunsDigest {
  #runs: PortalRun[] = [];
  #newest = -Infinity;

  constructor(private readonly now: number) {}

  add(run: PortalRun): void {
    this.#runs.push(run);
    const created = trustedCreated(run, this.now);
    if (created !== null && created > this.#newest) this.#newest = created;
    if (this.#runs.length >= 2 * COMPACT_AFTER) this.#compact();
  }

  runs(): PortalRun[] {
    this.#compact();
    return this.#runs;
  }

  #compact(): void {
    const byTime = this.#runs
      .map((run) => ({ run, at: trustedCreated(run, this.now) }))
      .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
    let undated = 0;
    this.#runs = byTime
      .filter(({ run, at }, rank) => {
        const outcome = runOutcome(run.status);
        if (outcome === 'in-progress' || alertKindOfOutcome(outcome) !== null) return true;
        if (at === null) return ++undated <= MAX_UNDATED;
        return rank < CACHED_RUNS_PER_TASK || at >= this.#newest - HISTORY_SLACK_MS;
      })
      .map(({ run }) => run);
  }
}
