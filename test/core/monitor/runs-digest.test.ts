import { describe, expect, it } from 'vitest';
import { RunsDigest } from '../../../src-main/core/monitor/runs-digest';
import type { PortalRun } from '../../../src-main/core/portal/types';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12);
const run = (id: string, created: number | null, status = 'succeeded'): PortalRun => ({
  id,
  idMissing: false,
  status,
  result: '',
  created,
  modified: created,
  url: '',
  dateText: { created: null, modified: null },
});

describe('what a poll keeps of a long history', () => {
  it('keeps failures, skipped and running runs, the newest ten and a day near the newest; lets old successes go', () => {
    const digest = new RunsDigest(NOW);
    // 50,000 hourly runs, newest first as a portal lists them, with a failure deep in the past.
    for (let age = 1; age <= 50_000; age++) {
      const status = age === 40_000 ? 'failed' : age === 30_000 ? 'skipped' : age === 20_000 ? 'executing' : 'succeeded';
      digest.add(run(`r${age}`, NOW - age * HOUR, status));
    }
    digest.add(run('undated', null));
    const kept = digest.runs();
    const ids = new Set(kept.map((one) => one.id));
    expect(['r40000', 'r30000', 'r20000', 'undated'].every((id) => ids.has(id))).toBe(true);
    for (let age = 1; age <= 24; age++) expect(ids.has(`r${age}`)).toBe(true);
    expect(ids.has('r100')).toBe(false);
    expect(kept.length).toBeLessThan(40);
  });

  it('keeps the newest ten of a weekly task even when they span weeks', () => {
    const digest = new RunsDigest(NOW);
    for (let week = 1; week <= 3_000; week++) digest.add(run(`w${week}`, NOW - week * 7 * 24 * HOUR));
    expect(digest.runs().map((one) => one.id)).toEqual(Array.from({ length: 10 }, (_, index) => `w${index + 1}`));
  });
});
