import { afterEach, describe, expect, it } from 'vitest';
import { PortalClient } from '../../src-main/core/portal';
import { startSimulatedPortal, type SimDateFormat, type SimulatedPortal } from '../../src-main/sim';
import { adminGet, adminToken } from './admin-http';

let portal: SimulatedPortal;
afterEach(async () => portal?.close());

const ZONE = 'America/New_York';
const CREATED = Date.UTC(2024, 0, 15, 17, 30, 5); // 12:30:05 PM EST (UTC-5)
const SUMMER_RUN = Date.UTC(2024, 6, 4, 8); // 4:00:00 AM EDT (UTC-4)
const FALL_BACK_FIRST = Date.UTC(2024, 10, 3, 5, 30); // 1:30 AM EDT, before the clocks go back
const FALL_BACK_SECOND = Date.UTC(2024, 10, 3, 6, 30); // 1:30 AM EST, an hour later

async function newYorkPortal(dateFormat: SimDateFormat) {
  portal = await startSimulatedPortal({
    tasks: [{ id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: CREATED, startDate: CREATED }],
    timeZone: ZONE,
    dateFormat,
  });
  portal.addRuns('gp', [{ status: 'succeeded', result: 'GP Jobs have been cleaned.', startedAt: SUMMER_RUN, durationMs: 30_000 }]);
  const token = await adminToken(portal);
  const task = (await (await adminGet(portal, '/system/tasks/gp', token)).json()) as Record<string, unknown>;
  const runs = (await (await adminGet(portal, '/system/tasks/gp/runs', token)).json()) as { result: Record<string, unknown>[] };
  return { task, run: runs.result[0]!, token };
}

describe('a portal in America/New_York', () => {
  it('epoch style: every date is the instant in milliseconds, whatever the zone', async () => {
    const { task, run } = await newYorkPortal('epoch');
    expect(task).toMatchObject({ created: CREATED, updated: CREATED, startDate: CREATED, lastStart: SUMMER_RUN });
    expect(run).toMatchObject({ created: SUMMER_RUN + 30_000, modified: SUMMER_RUN + 30_000 });
  });

  it('text style: zone-less strings in New York time, EST in winter and EDT in summer', async () => {
    const { task, run } = await newYorkPortal('text');
    expect(task).toMatchObject({
      created: 'Jan 15, 2024, 12:30:05 PM',
      updated: 'Jan 15, 2024, 12:30:05 PM',
      startDate: 'Jan 15, 2024, 12:30:05 PM',
      lastStart: 'Jul 4, 2024, 4:00:00 AM',
    });
    expect(run).toMatchObject({ created: 'Jul 4, 2024, 4:00:30 AM', modified: 'Jul 4, 2024, 4:00:30 AM' });
  });

  it('mixed style: text stamps, epoch schedule times', async () => {
    const { task, run } = await newYorkPortal('mixed');
    expect(task).toMatchObject({ created: 'Jan 15, 2024, 12:30:05 PM', startDate: CREATED, lastStart: SUMMER_RUN });
    expect(run).toMatchObject({ created: 'Jul 4, 2024, 4:00:30 AM' });
  });

  it.each(['epoch', 'text', 'mixed'] as const)('%s style: the project\'s client, told the zone, reads the same instants', async (style) => {
    await newYorkPortal(style);
    const client = new PortalClient(
      { baseUrl: portal.baseUrl, adminUrl: portal.adminUrl, username: 'admin', timeZone: ZONE, fingerprint: null },
      { getPassword: async () => 'admin-password' },
    );
    expect(await client.getTask('gp')).toMatchObject({ created: CREATED, lastStart: SUMMER_RUN });
    expect((await client.listRuns('gp')).runs[0]).toMatchObject({ created: SUMMER_RUN + 30_000 });
  });

  it('text style writes the two 1:30 AMs of the fall-back night alike: the string alone cannot tell them apart', async () => {
    const { token } = await newYorkPortal('text');
    portal.addRuns('gp', [FALL_BACK_FIRST, FALL_BACK_SECOND].map((startedAt) => ({ status: 'succeeded', result: 'GP Jobs have been cleaned.', startedAt, durationMs: 0 })));
    const { result } = (await (await adminGet(portal, '/system/tasks/gp/runs', token)).json()) as { result: Record<string, unknown>[] };
    expect(result.slice(0, 2).map((run) => run.created)).toEqual(['Nov 3, 2024, 1:30:00 AM', 'Nov 3, 2024, 1:30:00 AM']);
  });
});
