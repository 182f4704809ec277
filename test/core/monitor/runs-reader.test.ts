import { describe, expect, it } from 'vitest';
import type { PortalApi } from '../../../src-main/core/monitor/portal-api';
import { readUnknownRuns, type RunsReadOptions } from '../../../src-main/core/monitor/runs-reader';
import type { PortalRun, RunsPage } from '../../../src-main/core/portal/types';

const run = (index: number): PortalRun => ({
  id: `r${index}`,
  idMissing: false,
  status: 'succeeded',
  result: '',
  created: 1_000_000_000 - index * 1_000,
  modified: null,
  url: '',
  dateText: { created: null, modified: null },
});

/**
 * A portal with `total` runs whose answers wait until the test lets them go, so what is asked for while a
 * page is still being read can be seen. `pageSize`: how many runs it sends per answer whatever is asked
 * (Infinity: it ignores paging and sends them all).
 */
function portal(total: number, pageSize: number) {
  const asked: number[] = [];
  const waiting: Array<() => void> = [];
  const api: PortalApi = {
    listRuns: (_taskId, { start = 0, num = 1 }) => {
      asked.push(start);
      const size = Math.min(num, pageSize);
      const runs = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, offset) => run(start + offset));
      const next = pageSize === Infinity || start + runs.length >= total ? null : start + runs.length;
      const page: RunsPage = { runs: pageSize === Infinity ? Array.from({ length: total }, (_, index) => run(index)) : runs, listedOldestFirst: false, total, start, num, nextStart: next, skipped: [] };
      return new Promise((resolve) => waiting.push(() => resolve(page)));
    },
    listTasks: () => Promise.reject(new Error('not used')),
    setTaskEnabled: () => Promise.reject(new Error('not used')),
    testConnection: () => Promise.reject(new Error('not used')),
  };
  /** Lets the oldest waiting answer go and gives the reader a moment to ask for more. */
  const answer = async () => {
    waiting.shift()?.();
    for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  };
  return { api, asked, answer, waiting: () => waiting.length };
}

const history: RunsReadOptions = { firstPageSize: 100, catchUpPageSize: 100, maxRuns: 100_000, firstLookReadsOnePage: false, pagesAhead: 3 };

async function readAll(source: ReturnType<typeof portal>, options: RunsReadOptions) {
  const reading = readUnknownRuns(source.api, 'task', null, options);
  let done = false;
  void reading.then(() => (done = true));
  while (!done) await source.answer();
  return reading;
}

describe('reading a whole history with pages asked for ahead', () => {
  it('asks for the next pages while one is read, each once, and keeps the runs in the portal\'s order', async () => {
    const source = portal(1_000, 100);
    const reading = readUnknownRuns(source.api, 'task', null, history);
    await source.answer(); // the first page arrives: three more are asked for at once
    expect(source.asked).toEqual([0, 100, 200, 300]);
    expect(source.waiting()).toBe(3);
    let done = false;
    void reading.then(() => (done = true));
    while (!done) await source.answer();
    const read = await reading;
    expect(source.asked).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(read.unknown.map((each) => each.id)).toEqual(Array.from({ length: 1_000 }, (_, index) => `r${index}`));
    expect(read.complete).toBe(true);
  });

  it('asks one page at a time for polls (no pages ahead) and from a portal that ignores paging', async () => {
    const polled = portal(300, 100);
    await readAll(polled, { ...history, pagesAhead: 0 });
    expect(polled.asked).toEqual([0, 100, 200]);
    const unpaged = portal(300, Infinity);
    const read = await readAll(unpaged, history);
    expect(unpaged.asked).toEqual([0]);
    expect(read.unknown).toHaveLength(300);
  });

  it('asks nothing ahead of a portal whose pages are not where asked (fewer runs than asked for)', async () => {
    const small = portal(120, 40); // sends 40 runs whatever `num` says
    const read = await readAll(small, history);
    expect(small.asked).toEqual([0, 40, 80]);
    expect(read.unknown).toHaveLength(120);
  });
});

describe('a portal that lists its runs oldest first (no order is documented)', () => {
  /** `total` runs, r0 the newest, listed oldest first, `cap` at most per page; `tells` whether it says how many there are. */
  function oldestFirst(total: number, tells: boolean, cap = Infinity) {
    const asked: number[] = [];
    const listed = Array.from({ length: total }, (_, index) => run(total - 1 - index));
    const api: PortalApi = {
      listRuns: async (_taskId, { start = 0, num = 1 }) => {
        asked.push(start);
        const runs = listed.slice(start, start + Math.min(num, cap)).sort((a, b) => b.created! - a.created!); // the client hands pages out newest first
        const nextStart = start + num < total ? start + num : null;
        return { runs, listedOldestFirst: true, total: tells ? total : null, start, num, nextStart, skipped: [] };
      },
      listTasks: () => Promise.reject(new Error('not used')),
      setTaskEnabled: () => Promise.reject(new Error('not used')),
      testConnection: () => Promise.reject(new Error('not used')),
    };
    return { api, asked };
  }
  const firstLook: RunsReadOptions = { firstPageSize: 20, catchUpPageSize: 100, maxRuns: 100_000, firstLookReadsOnePage: true };

  it('reads the newest runs from its last page, not the oldest from its first', async () => {
    const source = oldestFirst(250, true);
    const read = await readUnknownRuns(source.api, 'task', null, firstLook);
    expect(source.asked).toEqual([0, 230]);
    expect(read.unknown.map((each) => each.id)).toEqual(Array.from({ length: 20 }, (_, index) => `r${index}`));
  });

  it('reads every page when it does not say how many runs it has', async () => {
    const source = oldestFirst(250, false);
    const read = await readUnknownRuns(source.api, 'task', null, firstLook);
    expect(source.asked).toEqual([0, 20, 120, 220]);
    expect(read.unknown.map((each) => each.id)).toContain('r0');
    expect(read.unknown).toHaveLength(250);
  });

  it('reads every run once from a portal that sends fewer per page than asked', async () => {
    const source = oldestFirst(250, true, 50);
    const read = await readUnknownRuns(source.api, 'task', null, { ...firstLook, firstLookReadsOnePage: false });
    const ids = read.unknown.map((each) => each.id);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toHaveLength(250);
  });
});
