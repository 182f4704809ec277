import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim';
import { adminGet, adminToken } from './admin-http';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 23, 12);

let portal: SimulatedPortal;
afterEach(async () => portal?.close());

type RunJson = Record<string, unknown>;

async function hourlyPortal(): Promise<string> {
  portal = await startSimulatedPortal({ tasks: [{ id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?' }], now: () => NOW });
  return adminToken(portal);
}

/** Every run the endpoint lists, following `nextStart` as far as the portal pages. */
async function allRuns(token: string): Promise<RunJson[]> {
  const runs: RunJson[] = [];
  for (let start = 0; ; ) {
    const page = (await (await adminGet(portal, '/system/tasks/gp/runs', token, `f=json&start=${start}&num=100`)).json()) as { result: RunJson[]; nextStart: number };
    runs.push(...page.result);
    if (page.nextStart <= 0) return runs;
    start = page.nextStart;
  }
}

describe('odd runs, listed exactly as given', () => {
  it('a run without runId, one with created null, one created in the future', async () => {
    const token = await hourlyPortal();
    portal.addRuns('gp', [
      { status: 'succeeded', result: 'no id', startedAt: NOW - 3 * HOUR, runId: null },
      { status: 'failed', result: 'no created', startedAt: NOW - 2 * HOUR, created: null },
      { status: 'succeeded', result: 'from the future', startedAt: NOW - HOUR, created: NOW + 5 * HOUR },
    ]);
    const byResult = new Map((await allRuns(token)).map((run) => [run.result, run]));
    expect(byResult.get('no id')).not.toHaveProperty('runId');
    expect(byResult.get('no id')).toMatchObject({ created: NOW - 3 * HOUR + 30_000, status: 'succeeded' });
    expect(byResult.get('no created')).toMatchObject({ created: null, modified: NOW - 2 * HOUR + 30_000, runId: expect.any(String) });
    expect(byResult.get('from the future')).toMatchObject({ created: NOW + 5 * HOUR });
  });

  it('a reused runId: the newer run carries the older one\'s id with its own time and status', async () => {
    const token = await hourlyPortal();
    portal.addRuns('gp', [{ status: 'succeeded', result: 'first', startedAt: NOW - 2 * HOUR, runId: 'r-1' }]);
    portal.addRuns('gp', [{ status: 'failed', result: 'again', startedAt: NOW - HOUR, runId: 'r-1' }]);
    const runs = await allRuns(token);
    expect(runs.map((run) => [run.runId, run.status, run.created])).toEqual([
      ['r-1', 'failed', NOW - HOUR + 30_000],
      ['r-1', 'succeeded', NOW - 2 * HOUR + 30_000],
    ]);
  });

  it('every documented status and undocumented ones come back word for word', async () => {
    const token = await hourlyPortal();
    const statuses = ['scheduled', 'executing', 'succeeded', 'skipped', 'failed', 'submitfailed', 'TIMED OUT', 'cancelled'];
    portal.addRuns('gp', statuses.map((status, index) => ({ status, result: `${status} run`, startedAt: NOW - (statuses.length - index) * HOUR })));
    expect((await allRuns(token)).map((run) => run.status).reverse()).toEqual(statuses);
  });
});

describe('a long history in one call', () => {
  it('two weeks of hourly runs with one failure in the middle, newest first', async () => {
    const token = await hourlyPortal();
    const from = NOW - 336 * HOUR;
    portal.addHourlyHistory('gp', { from, count: 336, failAt: [168] });
    const runs = await allRuns(token);
    expect(runs).toHaveLength(336);
    expect(runs.map((run) => run.created)).toEqual(Array.from({ length: 336 }, (_, n) => from + (335 - n) * HOUR + 30_000));
    const failed = runs.filter((run) => run.status !== 'succeeded');
    expect(failed).toEqual([expect.objectContaining({ status: 'failed', created: from + 168 * HOUR + 30_000, result: expect.stringContaining('failed') })]);
    expect(portal.getTask('gp').lastStart).toBe(from + 335 * HOUR);
  });

  it('takes the failure status, text and duration asked', async () => {
    const token = await hourlyPortal();
    portal.addHourlyHistory('gp', { from: NOW - 3 * HOUR, count: 3, failAt: [0, 2], failStatus: 'TIMED OUT', failResult: 'Job cancelled after 2 hours.', durationMs: 60_000 });
    expect((await allRuns(token)).map((run) => [run.status, run.result, run.modified])).toEqual([
      ['TIMED OUT', 'Job cancelled after 2 hours.', NOW - HOUR + 60_000],
      ['succeeded', 'GP Jobs have been cleaned.', NOW - 2 * HOUR + 60_000],
      ['TIMED OUT', 'Job cancelled after 2 hours.', NOW - 3 * HOUR + 60_000],
    ]);
  });
});
