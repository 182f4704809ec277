import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimTask, type SimulatedPortal } from '../../src-main/sim';
import { adminGet, tokenAnswer as token } from './admin-http';

const HOUR = 3_600_000;
const gp: SimTask = { id: 'gp1', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?' };
const backup: SimTask = {
  id: 'bk1',
  title: 'schedule2',
  taskType: 'CreateBackup',
  cronExpression: '0 0 4 ? * 7',
  active: false,
  parameters: { storeName: 'default', passcode: '{crypt}3ngE7lQuQGDfaiab4uogjg==' },
  startDate: 1634961600000,
};

let portal: SimulatedPortal;
afterEach(async () => portal?.close());

function get(path: string, bearer?: unknown, query = 'f=json'): Promise<Response> {
  return adminGet(portal, path, bearer, query);
}

describe('the documented API', () => {
  it('hands out tokens for good credentials and the documented error for bad ones', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const good = await token(portal);
    expect(good).toMatchObject({ token: expect.any(String), expires: expect.any(Number), ssl: true });
    expect(await token(portal, 'admin', 'nope')).toEqual({
      error: { code: 400, message: 'Unable to generate token.', details: ['Invalid username or password.'] },
    });
  });

  it('answers 499 without a token and 498 with a bad or expired one, both with HTTP 200', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const missing = await get('/system/tasks');
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ error: { code: 499, message: 'Token Required.', details: [] } });
    expect(await (await get('/system/tasks', 'forged')).json()).toEqual({ error: { code: 498, message: 'Invalid token.', details: [] } });
    const { token: valid } = await token(portal);
    expect(await (await get('/system/tasks', valid)).json()).toHaveProperty('result');
    portal.expireTokens();
    expect(await (await get('/system/tasks', valid)).json()).toMatchObject({ error: { code: 498 } });
  });

  it('expires tokens on the injected clock', async () => {
    let now = Date.UTC(2024, 0, 1);
    portal = await startSimulatedPortal({ tasks: [gp], now: () => now, tokenTtlMs: 60_000 });
    const answer = await token(portal);
    expect(answer.expires).toBe(now + 60_000);
    now += 59_000;
    expect(await (await get('/system/tasks', answer.token)).json()).toHaveProperty('result');
    now += 1_000;
    expect(await (await get('/system/tasks', answer.token)).json()).toMatchObject({ error: { code: 498 } });
  });

  it('answers an HTML page without f=json', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const page = await get('/system/tasks', undefined, '');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('ArcGIS Enterprise Administrator Directory');
  });

  it('lists tasks like the reference: field order, paused state, parameters with passcode', async () => {
    portal = await startSimulatedPortal({ tasks: [gp, backup] });
    const { token: valid } = await token(portal);
    const { result } = (await (await get('/system/tasks', valid)).json()) as { result: Record<string, unknown>[] };
    expect(result.map((task) => task.id)).toEqual(['gp1', 'bk1']);
    expect(Object.keys(result[0]!).slice(0, 8)).toEqual(['generation', 'created', 'active', 'ownerId', 'type', 'orgId', 'cronSchedule', 'cronExpression']);
    expect(result[1]).toMatchObject({
      active: false,
      taskState: 'paused',
      type: 'CREATE_BACKUP_TASK_TYPE',
      cronSchedule: { dayOfWeek: '7', hour: '4', month: '*', dayOfMonth: '?', minute: '0' },
      runIntervalSeconds: 604800,
      parameters: { passcode: '{crypt}3ngE7lQuQGDfaiab4uogjg==' },
      taskId: 'bk1',
      startDate: 1634961600000,
    });
    expect(await (await get('/system/tasks/none', valid)).json()).toMatchObject({ error: { code: 404 } });
  });

  it('gives a CreateBackup task the reference parameters, passcode included, when none are set', async () => {
    portal = await startSimulatedPortal({ tasks: [{ id: 'b', title: 'nightly', taskType: 'CreateBackup', cronExpression: '0 30 1 * * ?' }] });
    expect(portal.getTask('b').parameters).toMatchObject({ name: 'nightly', storeName: 'default', passcode: expect.stringMatching(/^\{crypt\}/) });
  });

  it('pages runs (default 10) newest first, each embedding the task', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const base = Date.UTC(2024, 3, 22);
    portal.addRuns('gp1', Array.from({ length: 12 }, (_, n) => ({ status: 'succeeded', result: 'GP Jobs have been cleaned.', startedAt: base + n * HOUR, durationMs: 31_000 })));
    const { token: valid } = await token(portal);
    const first = (await (await get('/system/tasks/gp1/runs', valid)).json()) as Record<string, unknown> & { result: Record<string, any>[] };
    expect(first).toMatchObject({ total: 12, num: 10, start: 0, nextStart: 10 });
    expect(first.result[0]).toMatchObject({ created: base + 11 * HOUR + 31_000, url: '', status: 'succeeded', task: { lastStart: base + 11 * HOUR } });
    const second = (await (await get('/system/tasks/gp1/runs', valid, 'f=json&start=10&num=10')).json()) as Record<string, unknown>;
    expect(second).toMatchObject({ total: 12, num: 2, start: 10, nextStart: -1 });
  });

  it('writes zone-less date strings in the portal zone, with U+202F when asked', async () => {
    portal = await startSimulatedPortal({ tasks: [{ ...gp, created: Date.UTC(2021, 3, 22, 2, 42, 17) }], dateFormat: 'text', timeZone: 'America/New_York', narrowSpace: true });
    expect(portal.getTask('gp1').created).toBe('Apr 21, 2021, 10:42:17\u202fPM');
  });

  it('writes mixed dates like the reference: text stamps, epoch schedule times', async () => {
    portal = await startSimulatedPortal({ tasks: [{ ...backup, created: Date.UTC(2021, 3, 21), lastStart: 1634961600000 }], dateFormat: 'mixed' });
    expect(portal.getTask('bk1')).toMatchObject({ created: 'Apr 21, 2021, 12:00:00 AM', lastStart: 1634961600000, startDate: 1634961600000 });
  });

  it('enables and disables with POST only, bumping updated and generation', async () => {
    let now = Date.UTC(2024, 0, 1);
    portal = await startSimulatedPortal({ tasks: [{ ...gp, created: now }], now: () => now });
    const { token: valid } = await token(portal);
    now += 5_000;
    const post = await fetch(`${portal.adminUrl}/system/tasks/gp1/disable`, { method: 'POST', body: new URLSearchParams({ f: 'json', token: String(valid) }) });
    expect(await post.json()).toEqual({ status: 'success' });
    expect(portal.getTask('gp1')).toMatchObject({ active: false, taskState: 'paused', updated: now, generation: 2 });
    expect(await (await get('/system/tasks/gp1/enable', valid)).json()).toMatchObject({ error: { code: 405 } });
    expect(portal.getTask('gp1').active).toBe(false);
  });

  it('answers 403 to an account without the administrator role', async () => {
    portal = await startSimulatedPortal({ tasks: [gp], users: { viewer: { password: 'pw', role: 'user' } } });
    const { token: valid } = await token(portal, 'viewer', 'pw');
    expect(await (await get('/system/tasks', valid)).json()).toMatchObject({ error: { code: 403 } });
  });

  it('gzips large answers when asked', async () => {
    portal = await startSimulatedPortal({ tasks: Array.from({ length: 5 }, (_, n) => ({ ...gp, id: `t${n}` })) });
    const { token: valid } = await token(portal);
    const response = await get('/system/tasks', valid);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as { result: unknown[] }).result).toHaveLength(5);
  });

  it('logs each request with its URL as received and where its token travelled', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const { token: valid } = await token(portal);
    await get('/system/tasks', valid);
    await get('/system/tasks', undefined, `f=json&token=${String(valid)}`);
    expect(portal.requestLog.map((entry) => entry.tokenIn)).toEqual([null, 'header', 'query']);
    expect(portal.requestLog[2]!.url).toContain(String(valid));
    expect(portal.countRequests('/system/tasks')).toBe(2);
    portal.clearRequestLog();
    expect(portal.countRequests()).toBe(0);
  });
});
