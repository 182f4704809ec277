import { describe, expect, it } from 'vitest';
import { defaultAdminUrl, normalizePortalUrl, startsSentAsInstants } from '../../../src-main/core/portal';
import { clientFor, gpTask, backupTask, simulatedPortals } from './harness';

const HOUR = 3_600_000;
const sim = simulatedPortals();

describe('reading tasks and runs', () => {
  it("lists tasks and reads one, with zone-less dates read in the portal's zone", async () => {
    const lastStart = Date.UTC(2024, 2, 31, 1, 30); // 03:30 in Berlin, just after spring forward
    const portal = await sim({ dateFormat: 'text', timeZone: 'Europe/Berlin', narrowSpace: true, tasks: [{ ...gpTask, lastStart }, backupTask] });
    const client = clientFor(portal, { timeZone: 'Europe/Berlin' });
    const { tasks, skipped } = await client.listTasks();
    expect(skipped).toEqual([]);
    expect(tasks.map((task) => task.id)).toEqual(['gp1', 'bk1']);
    expect(tasks[0]!.lastStart).toBe(lastStart);
    expect(startsSentAsInstants(tasks[0]!)).toEqual([]); // zone-less text: read in the configured zone, no evidence of it
    const task = await client.getTask('bk1');
    expect(task).toMatchObject({ title: 'weekly', taskType: 'CreateBackup', cronExpression: '0 0 4 ? * 7', state: 'active' });
    expect(await client.testConnection()).toEqual({ taskCount: 2 });
  });

  it('takes a task list sent again byte for byte as already read (the same objects), and sees a change at once', async () => {
    const portal = await sim();
    const client = clientFor(portal);
    const first = await client.listTasks();
    expect(await client.listTasks()).toBe(first);
    portal.updateTask('gp1', { title: 'renamed cleaner' });
    const changed = await client.listTasks();
    expect(changed).not.toBe(first);
    expect(changed.tasks.find((task) => task.id === 'gp1')!.title).toBe('renamed cleaner');
    expect(await client.listTasks()).toBe(changed);
  });

  it('pages through runs newest first, with total and nextStart', async () => {
    const portal = await sim();
    const base = Date.UTC(2024, 0, 1);
    portal.addRuns('gp1', Array.from({ length: 25 }, (_, hour) => ({ status: hour === 3 ? 'failed' : 'succeeded', result: `run ${hour}`, startedAt: base + hour * HOUR })));
    const client = clientFor(portal);
    const first = await client.listRuns('gp1');
    expect(first.runs).toHaveLength(10);
    expect(first.runs[0]!.result).toBe('run 24');
    expect(first.runs[0]!.created).toBe(base + 24 * HOUR + 30_000);
    expect(first).toMatchObject({ total: 25, start: 0, nextStart: 10 });
    const last = await client.listRuns('gp1', { start: 20, num: 10 });
    expect(last.runs.map((run) => run.result)).toEqual(['run 4', 'run 3', 'run 2', 'run 1', 'run 0']);
    expect(last.runs[1]!.status).toBe('failed');
    expect(last.nextStart).toBeNull();
    expect(portal.requestLog.at(-1)!.url).toContain('start=20&num=10');
  });

  it('reads a changed task list afresh where it changed, and hands out a task read alike as the object it was', async () => {
    const portal = await sim();
    const client = clientFor(portal);
    const before = (await client.listTasks()).tasks;
    portal.updateTask('bk1', { title: 'weekly backup' });
    const after = (await client.listTasks()).tasks;
    expect(after.map((task) => task.title)).toEqual(['gpCleanerTask', 'weekly backup']);
    expect(after[0]).toBe(before[0]);
    expect(before[1]!.title).toBe('weekly');
  });

  it('disables and enables a task with POST, and the portal shows it', async () => {
    const portal = await sim();
    const client = clientFor(portal);
    await client.setTaskEnabled('bk1', false);
    expect(portal.getTask('bk1')).toMatchObject({ active: false, taskState: 'paused', generation: 2 });
    expect((await client.getTask('bk1')).state).toBe('paused');
    await client.setTaskEnabled('bk1', true);
    expect(portal.getTask('bk1')).toMatchObject({ active: true, taskState: 'active', generation: 3 });
    const posts = portal.requestLog.filter((entry) => entry.method === 'POST' && entry.path.includes('/system/tasks/'));
    expect(posts.map((entry) => [entry.path.split('/').at(-1), entry.tokenIn])).toEqual([['disable', 'body'], ['enable', 'body']]);
  });

  it('encodes task ids in URL paths', async () => {
    const portal = await sim({ tasks: [{ ...gpTask, id: 'odd/id ?#%' }] });
    const task = await clientFor(portal).getTask('odd/id ?#%');
    expect(task.id).toBe('odd/id ?#%');
    expect(portal.requestLog.at(-1)!.path).toBe('/portal/admin/system/tasks/odd%2Fid%20%3F%23%25');
  });
});

describe('portal URLs', () => {
  it('normalises the base URL and derives the admin URL', () => {
    expect(normalizePortalUrl(' https://GIS.Example.com:443/portal/?f=json#top ')).toBe('https://gis.example.com/portal');
    expect(normalizePortalUrl('gis.example.com/Portal/')).toBe('https://gis.example.com/Portal');
    expect(defaultAdminUrl('https://GIS.example.com/portal/')).toBe('https://gis.example.com/portal/admin');
    expect(() => normalizePortalUrl('https://')).toThrow(/not a portal URL/);
  });
});
