import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalRequestError, defaultAdminUrl, normalizePortalUrl } from '../../../src-main/core/portal';
import { startSimulatedPortal, type SimTask, type SimulatedPortal } from '../../../src-main/sim';
import { PASSWORD, clientFor, failureOf, manualClock, recordingLogger } from './harness';

const HOUR = 3_600_000;
const gpTask: SimTask = { id: 'gp1', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?' };
const backupTask: SimTask = { id: 'bk1', title: 'weekly', taskType: 'CreateBackup', cronExpression: '0 0 4 ? * 7', parameters: { passcode: '{crypt}x' } };

let sims: SimulatedPortal[] = [];
async function sim(options: Parameters<typeof startSimulatedPortal>[0] = {}): Promise<SimulatedPortal> {
  const started = await startSimulatedPortal({ tasks: [gpTask, backupTask], ...options });
  sims.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(sims.map((started) => started.close()));
  sims = [];
});

describe('reading tasks and runs', () => {
  it("lists tasks and reads one, with zone-less dates read in the portal's zone", async () => {
    const lastStart = Date.UTC(2024, 2, 31, 1, 30); // 03:30 in Berlin, just after spring forward
    const portal = await sim({ dateFormat: 'text', timeZone: 'Europe/Berlin', narrowSpace: true, tasks: [{ ...gpTask, lastStart }, backupTask] });
    const client = clientFor(portal, { timeZone: 'Europe/Berlin' });
    const { tasks, skipped } = await client.listTasks();
    expect(skipped).toEqual([]);
    expect(tasks.map((task) => task.id)).toEqual(['gp1', 'bk1']);
    expect(tasks[0]!.lastStart).toBe(lastStart);
    expect(tasks[0]!.raw.lastStart).toBe('Mar 31, 2024, 3:30:00\u202fAM');
    const task = await client.getTask('bk1');
    expect(task).toMatchObject({ title: 'weekly', taskType: 'CreateBackup', cronExpression: '0 0 4 ? * 7', state: 'active' });
    expect(await client.testConnection()).toEqual({ taskCount: 2 });
  });

  it('pages through runs newest first, with total and nextStart', async () => {
    const portal = await sim();
    const base = Date.UTC(2024, 0, 1);
    portal.addRuns('gp1', Array.from({ length: 25 }, (_, hour) => ({ status: hour === 3 ? 'failed' : 'succeeded', result: `run ${hour}`, startedAt: base + hour * HOUR })));
    const client = clientFor(portal);
    const first = await client.listRuns('gp1');
    expect(first.runs).toHaveLength(10);
    expect(first.runs[0]!.result).toBe('run 24');
    expect(first.runs[0]!.startedAt).toBe(base + 24 * HOUR);
    expect(first).toMatchObject({ total: 25, start: 0, nextStart: 10 });
    const last = await client.listRuns('gp1', { start: 20, num: 10 });
    expect(last.runs.map((run) => run.result)).toEqual(['run 4', 'run 3', 'run 2', 'run 1', 'run 0']);
    expect(last.runs[1]!.status).toBe('failed');
    expect(last.nextStart).toBeNull();
    expect(portal.requestLog.at(-1)!.url).toContain('start=20&num=10');
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

describe('tokens', () => {
  it('generates one token, shared by concurrent requests, and never sends it in a URL', async () => {
    const portal = await sim();
    const logger = recordingLogger();
    const client = clientFor(portal, {}, { logger });
    await Promise.all([client.listTasks(), client.listTasks(), client.getTask('gp1'), client.listRuns('gp1')]);
    await client.setTaskEnabled('gp1', false);
    expect(portal.countRequests('generateToken')).toBe(1);
    expect(client.requestCount).toBe(6);
    const tokens = portal.issuedTokens();
    expect(tokens).toHaveLength(1);
    for (const entry of portal.requestLog) {
      for (const token of tokens) expect(entry.url).not.toContain(token);
      expect(entry.tokenIn).not.toBe('query');
    }
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) {
      expect(line).not.toContain(tokens[0]);
      expect(line).not.toContain(PASSWORD);
    }
  });

  it('renews the token shortly before it expires (injected clock), without a rejected request', async () => {
    const clock = manualClock();
    const portal = await sim({ now: clock.now, tokenTtlMs: 10 * 60_000 });
    const client = clientFor(portal, {}, { clock });
    await client.listTasks();
    clock.advance(8 * 60_000);
    await client.listTasks();
    expect(portal.countRequests('generateToken')).toBe(1);
    clock.advance(90_000); // 9.5 min: inside the renewal margin, still valid at the portal
    await client.listTasks();
    expect(portal.countRequests('generateToken')).toBe(2);
    expect(client.requestCount).toBe(5);
  });

  it('renews once and retries once when the portal says the token is invalid (498 in an HTTP 200 body)', async () => {
    const portal = await sim();
    const client = clientFor(portal);
    await client.listTasks();
    portal.expireTokens();
    const before = client.requestCount;
    const { tasks } = await client.listTasks();
    expect(tasks).toHaveLength(2);
    expect(client.requestCount - before).toBe(3); // rejected, new token, retried
    expect(portal.countRequests('generateToken')).toBe(2);
  });

  it('gives up after exactly one retry: a second 498 is auth-failed, never a loop', async () => {
    const portal = await sim();
    const client = clientFor(portal);
    await client.listTasks();
    portal.clearRequestLog();
    portal.failNext('/system/tasks', 'error-498', 2);
    const before = client.requestCount;
    const error = await failureOf(client.listTasks());
    expect(error).toBeInstanceOf(PortalRequestError);
    expect(error).toMatchObject({ kind: 'auth-failed', portalCode: 498 });
    expect(error.message).toContain(`${portal.adminUrl}/system/tasks did not accept the sign-in`);
    expect(error.message).toContain('Invalid token.');
    expect(portal.countRequests('/system/tasks')).toBe(2);
    expect(portal.countRequests('generateToken')).toBe(1);
    expect(client.requestCount - before).toBe(3);
    // The client is not stuck: the next call works.
    expect((await client.listTasks()).tasks).toHaveLength(2);
  });

  it('reports a wrong password as auth-failed with the portal\'s words, and asks the keychain each time', async () => {
    const portal = await sim();
    let asked = 0;
    const client = clientFor(portal, { username: 'admin' }, { getPassword: async () => (asked++, 'wrong-password') });
    const error = await failureOf(client.listTasks());
    expect(error).toMatchObject({ kind: 'auth-failed', portalCode: 400 });
    expect(error.message).toContain('Unable to generate token. Invalid username or password.');
    expect(error.message).toContain('generateToken');
    expect(error.message).not.toContain('wrong-password');
    await failureOf(client.listTasks());
    expect(asked).toBe(2);
    expect(portal.countRequests('/system/tasks')).toBe(0);
  });
});

describe('failures an admin can act on', () => {
  it('names the URL (without token) when a web page comes back instead of JSON', async () => {
    const portal = await sim();
    portal.failNext('/system/tasks', 'html');
    const error = await failureOf(clientFor(portal).listTasks());
    expect(error).toMatchObject({ kind: 'bad-response', url: `${portal.adminUrl}/system/tasks` });
    expect(error.message).toBe(
      `${portal.adminUrl}/system/tasks answered with a web page instead of JSON: is the admin URL right, or is the portal behind a single sign-on page?`,
    );
  });

  it('reports invalid JSON (the reference sample\'s missing comma) with the URL', async () => {
    const portal = await sim();
    portal.addRuns('gp1', [0, 1, 2].map((n) => ({ status: 'succeeded', result: 'GP Jobs have been cleaned.', startedAt: n * HOUR })));
    portal.failNext('/runs', 'invalid-json');
    const error = await failureOf(clientFor(portal).listRuns('gp1'));
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toMatch(new RegExp(`^${portal.adminUrl}/system/tasks/gp1/runs answered with invalid JSON \\(Expected ','`));
    for (const token of portal.issuedTokens()) expect(error.message).not.toContain(token);
  });

  it("passes on the portal's own errors: 500, no such task, not allowed for the role", async () => {
    const portal = await sim({ users: { admin: PASSWORD, viewer: { password: PASSWORD, role: 'user' } } });
    const client = clientFor(portal);
    portal.failNext('/system/tasks', 'error-500');
    expect(await failureOf(client.listTasks())).toMatchObject({ kind: 'api', portalCode: 500 });
    const missing = await failureOf(client.getTask('nope'));
    expect(missing).toMatchObject({ kind: 'api', portalCode: 404 });
    expect(missing.message).toContain('no such task');
    const viewer = await failureOf(clientFor(portal, { username: 'viewer' }).listTasks());
    expect(viewer).toMatchObject({ kind: 'api', portalCode: 403 });
    expect(viewer.message).toContain("not allowed for this account's role");
  });

  it('stops waiting for a hanging portal at the timeout', async () => {
    const portal = await sim();
    const client = clientFor(portal, {}, { timeoutMs: 400 });
    await client.listTasks();
    portal.failNext('/system/tasks', 'hang');
    const started = Date.now();
    const error = await failureOf(client.listTasks());
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect(error.message).toBe(`${portal.adminUrl}/system/tasks did not answer within 0.4 s.`);
  });

  it('counts a slow answer against the same timeout', async () => {
    const portal = await sim({ latencyMs: 600 });
    const error = await failureOf(clientFor(portal, {}, { timeoutMs: 250 }).listTasks());
    expect(error.message).toContain('did not answer within 0.3 s');
  });

  it('explains a reset connection and a refused one', async () => {
    const portal = await sim();
    portal.failNext('/system/tasks', 'reset');
    const reset = await failureOf(clientFor(portal).listTasks());
    expect(reset).toMatchObject({ kind: 'unreachable' });
    expect(reset.message).toContain('the connection was closed before the portal answered');

    const port = await freePort();
    const refused = await failureOf(clientFor({ baseUrl: `http://127.0.0.1:${port}/portal`, adminUrl: `http://127.0.0.1:${port}/portal/admin` }).listTasks());
    expect(refused).toMatchObject({ kind: 'unreachable' });
    expect(refused.message).toBe(`Could not reach http://127.0.0.1:${port}/portal/sharing/rest/generateToken: the connection was refused: nothing is listening there.`);
  });

  it('refuses answers larger than the cap', async () => {
    const portal = await sim();
    const error = await failureOf(clientFor(portal, {}, { maxBytes: 500 }).listTasks());
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toContain('answered more than 1 KB');
  });

  it('only talks plain http to this computer', () => {
    const remote = { baseUrl: 'http://gis.example.com/portal', adminUrl: 'http://gis.example.com/portal/admin' };
    expect(() => clientFor(remote)).toThrow(/not an https:\/\/ address/);
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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
