import { describe, expect, it } from 'vitest';
import { PortalRequestError } from '../../../src-main/core/portal';
import { PASSWORD, clientFor, failureOf, manualClock, recordingLogger, simulatedPortals } from './harness';

const sim = simulatedPortals();

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

  it.each([
    ['a gateway\'s HTTP 502 page', 'http-502', 'api', 'answered HTTP 502 Bad Gateway'],
    ['the portal\'s own error 500', 'error-500', 'api', 'An internal server error occurred.'],
    ['a reset connection', 'reset', 'unreachable', 'the connection was closed before the portal answered'],
  ] as const)('reports %s from the token endpoint as that, never as a refused password', async (_, mode, kind, words) => {
    const portal = await sim();
    const client = clientFor(portal);
    portal.failNext('generateToken', mode);
    const error = await failureOf(client.listTasks());
    expect(error).toBeInstanceOf(PortalRequestError);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain('generateToken');
    expect(error.message).toContain(words);
    expect(error.message).not.toContain('did not accept the sign-in');
    expect(portal.countRequests('/system/tasks')).toBe(0);
    // Once the endpoint answers again, the same credentials work.
    expect((await client.listTasks()).tasks).toHaveLength(2);
  });
});
