import { describe, expect, it } from 'vitest';
import { HISTORY_SLACK_MS, LedgerView, emptyLedger, recordRuns } from '../../../src-main/core/monitor/run-ledger';
import type { RunOutcome } from '../../../src-main/contract/vocabulary';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const run = (id: string, created: number | null, outcome: RunOutcome = 'success') => ({ id, created, outcome });
/** `count` hourly runs ending an hour before NOW, oldest first, ids h0..h(count-1). */
const hourly = (count: number) => Array.from({ length: count }, (_, index) => run(`h${index}`, NOW - (count - index) * HOUR));

describe('run ledger: news and history told apart', () => {
  it('never makes an old run news again, however long the history the portal repeats', () => {
    const history = hourly(50_000);
    const ledger = recordRuns(emptyLedger(), history, NOW);
    const view = new LedgerView(ledger, NOW);
    expect(history.filter((old) => view.isNews(old, 'failure'))).toEqual([]);
    // What it keeps is bounded by time, not by the length of the history.
    expect(ledger.recent.length).toBeLessThanOrEqual(HISTORY_SLACK_MS / HOUR + 1);
    expect(view.isNews(run('new', NOW - 60_000), 'failure')).toBe(true);
  });

  it('hears a reused run id when it comes with a later time, not when the same run comes back', () => {
    const ledger = recordRuns(emptyLedger(), [run('r1', NOW - 2 * HOUR, 'failure')], NOW);
    const view = new LedgerView(ledger, NOW);
    expect(view.isNews(run('r1', NOW - 2 * HOUR), 'failure')).toBe(false);
    expect(view.isNews(run('r1', NOW - 2 * HOUR + 400), 'failure')).toBe(false);
    expect(view.isNews(run('r1', NOW - HOUR), 'failure')).toBe(true);
  });

  it('tells undated runs apart by id, and does not let a run dated in the future hide later ones', () => {
    const future = NOW + 365 * 24 * HOUR;
    const ledger = recordRuns(emptyLedger(), [run('undated', null, 'failure'), run('future', future, 'failure'), run('r1', NOW - HOUR)], NOW);
    expect(ledger.through).toBe(NOW - HOUR);
    const view = new LedgerView(ledger, NOW);
    expect(view.isNews(run('undated', null), 'failure')).toBe(false);
    expect(view.isNews(run('future', future), 'failure')).toBe(false);
    expect(view.isNews(run('undated-2', null), 'failure')).toBe(true);
    expect(view.isNews(run('r2', NOW - 60_000), 'failure')).toBe(true);
  });

  it('makes the end of a run seen in progress news, even after later runs moved the watermark', () => {
    let ledger = recordRuns(emptyLedger(), [run('slow', NOW - 30 * HOUR, 'in-progress')], NOW - 29 * HOUR);
    ledger = recordRuns(ledger, hourly(5), NOW);
    const view = new LedgerView(ledger, NOW);
    expect(view.isNews(run('slow', NOW - 30 * HOUR), 'in-progress')).toBe(false);
    expect(view.isNews(run('slow', NOW - 30 * HOUR), 'failure')).toBe(true);
    ledger = recordRuns(ledger, [run('slow', NOW - 30 * HOUR, 'failure')], NOW);
    expect(new LedgerView(ledger, NOW).isNews(run('slow', NOW - 30 * HOUR), 'failure')).toBe(false);
  });
});
