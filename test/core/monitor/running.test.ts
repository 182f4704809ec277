import { describe, expect, it } from 'vitest';
import { emptyLedger } from '../../../src-main/core/monitor/run-ledger';
import { outrunAfterRead } from '../../../src-main/core/monitor/outrun';
import { AWAIT_STARTED_RUN_MS, SAME_RUN_TOLERANCE_MS, isRunning } from '../../../src-main/core/monitor/running';
import type { CachedRun, TaskState } from '../../../src-main/core/store/state';

const NOW = Date.UTC(2026, 10, 20, 12);
const run = (created: number | null, seenAt: number | null = null): CachedRun => ({ id: 'r', status: 'succeeded', result: '', created, modified: created, startedAt: null, seenAt });
const state = (lastStart: number | null, runs: CachedRun[]): TaskState =>
  ({
    task: { lastStart } as TaskState['task'],
    runs,
    ledger: emptyLedger(),
    runCount: null,
    activeSince: null,
    firstSeenAt: 0,
    runsReadAt: null,
    runsProblem: null,
    notes: [],
    outrun: null,
  }) as TaskState;

describe('a run under way', () => {
  it('is a start later than the newest listed run, not the start of that run (recorded ~30 s after it began)', () => {
    expect(isRunning(state(NOW - 31_000, [run(NOW)]), NOW)).toBe(false);
    expect(isRunning(state(NOW + SAME_RUN_TOLERANCE_MS + 1_000, [run(NOW)]), NOW + 2 * SAME_RUN_TOLERANCE_MS)).toBe(true);
  });

  it('is a start with no run listed yet, and nothing without a start', () => {
    expect(isRunning(state(NOW - 60_000, []), NOW)).toBe(true);
    expect(isRunning(state(null, [run(NOW - 3_600_000)]), NOW)).toBe(false);
  });

  it('compares with when an undated run was first seen', () => {
    expect(isRunning(state(NOW - 10 * 60_000, [run(null, NOW - 5 * 60_000)]), NOW)).toBe(false);
    expect(isRunning(state(NOW - 60_000, [run(null, NOW - 10 * 60_000)]), NOW)).toBe(true);
  });
});

describe('a run that outlasts the next start', () => {
  const HOUR = 3_600_000;
  const moved = (lastStart: number) => ({ lastStart }) as TaskState['task'];

  it('is waited for once lastStart moves on while the start before had no run listed, and not for an hourly move', () => {
    const eleven = NOW - HOUR;
    expect(outrunAfterRead(state(eleven, [run(eleven - HOUR)]), moved(NOW), [run(NOW + 30_000)], NOW + HOUR / 2)).toEqual({ since: eleven, starts: 2, listed: 1 });
    expect(outrunAfterRead(state(eleven, [run(eleven + 30_000)]), moved(NOW), [run(NOW + 30_000)], NOW + HOUR / 2)).toBeNull();
  });

  it('ends when as many runs were listed since as starts were seen, or after a day if the portal never lists it', () => {
    const waiting = { ...state(NOW, [run(NOW + 30_000)]), outrun: { since: NOW - HOUR, starts: 2, listed: 1 } };
    expect(outrunAfterRead(waiting, moved(NOW), [], NOW + HOUR)).toEqual(waiting.outrun);
    expect(outrunAfterRead(waiting, moved(NOW), [run(NOW + HOUR / 4)], NOW + HOUR)).toBeNull();
    expect(outrunAfterRead(waiting, moved(NOW), [], NOW - HOUR + AWAIT_STARTED_RUN_MS + 1)).toBeNull();
  });
});
