import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PASSWORD, clientFor, failureOf, simulatedPortals } from './harness';

const HOUR = 3_600_000;
const sim = simulatedPortals();

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
    portal.failNext('/system/tasks', 'invalid-json');
    const error = await failureOf(clientFor(portal).listTasks());
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toMatch(new RegExp(`^${portal.adminUrl}/system/tasks answered with invalid JSON \\(Expected ','`));
    for (const token of portal.issuedTokens()) expect(error.message).not.toContain(token);
  });

  it('reads runs despite the reference sample\'s missing comma: each run ends at its closing brace', async () => {
    const portal = await sim();
    portal.addRuns('gp1', [0, 1, 2].map((n) => ({ status: 'succeeded', result: `run ${n}`, startedAt: n * HOUR })));
    portal.failNext('/runs', 'invalid-json');
    const page = await clientFor(portal).listRuns('gp1');
    expect(portal.requestLog.at(-1)!.injected).toBe('invalid-json');
    expect(page.runs.map((run) => run.result)).toEqual(['run 2', 'run 1', 'run 0']);
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

  it('masks the token and password a portal echoes in its errors and run results, and every {crypt} passcode', async () => {
    const portal = await sim({
      tasks: [{ id: 'bk1', title: 'weekly', taskType: 'CreateBackup', cronExpression: '0 0 4 ? * 7', parameters: { passcode: 'plain-passcode', webhook: '{crypt}0a1b2c' } }],
    });
    const client = clientFor(portal);
    portal.failNext('/generateToken', 'echo-secrets');
    const signIn = await failureOf(client.listTasks());
    expect(signIn.message).toContain('generateToken answered with error 500 (portal says: Upstream refused the request ([redacted])');
    portal.failNext('/runs', 'echo-secrets');
    const runs = await failureOf(client.listRuns('bk1'));
    expect(runs.message).toContain('Upstream refused the request ([redacted])');
    const [token] = portal.issuedTokens();
    // The password travels only to the token endpoint, so only its answers can repeat it; the token, every answer.
    portal.addRuns('bk1', [{ status: 'failed', result: `Backup to share failed for ${token}`, startedAt: Date.now() - HOUR }]);
    const [run] = (await client.listRuns('bk1')).runs;
    expect(run!.result).toBe('Backup to share failed for [redacted]');
    const [task] = (await client.listTasks()).tasks;
    expect(task!.parameters).toEqual({ passcode: '[redacted]', webhook: '[redacted]' });
    const everything = JSON.stringify([signIn.message, signIn.portalMessage, runs.message, runs.portalMessage, run, task]);
    for (const secret of [PASSWORD, token!, 'plain-passcode', '0a1b2c']) expect(everything).not.toContain(secret);
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
    portal.failNext('/system/tasks', 'reset', 2); // a reset on a kept connection is sent once more
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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
