import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { BRIDGE_TOKEN_HEADER as TOKEN_HEADER } from '../../src-main/contract/api';
import { createTaskwatchService, type TaskwatchService } from '../../src-main/core/service';
import { demoScenarios, startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim';
import { MemorySecrets, RecordingNotifier, scratchFolder } from '../support/core-harness';
import { rendererDir, requireBuiltRenderer } from './window-harness';

// The keychain is not the subject here: an in-memory SecretStore stands in (window.test.ts uses the real one).
let sim: SimulatedPortal;
let service: TaskwatchService;
let bridge: Bridge;
let home: Awaited<ReturnType<typeof scratchFolder>>;

beforeAll(async () => {
  requireBuiltRenderer();
  home = await scratchFolder('taskwatch-bridge-');
  sim = await startSimulatedPortal({ host: '127.0.0.1', tasks: demoScenarios()[2]! });
  service = await createTaskwatchService({ home: home.path, secrets: new MemorySecrets(), notifier: new RecordingNotifier() });
  await service.start();
  await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
  bridge = await startBridge({ handlers: service.handlers, onSnapshot: (listener) => service.onEvent('snapshot', listener), rendererDir });
});

afterAll(async () => {
  await bridge?.close();
  await service?.stop();
  await sim?.close();
  await home?.remove();
});

const api = (command: string, init: RequestInit = {}) =>
  fetch(`${bridge.origin}/api/${command}`, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: init.body ?? '{}',
  });

/** A raw request, for what fetch will not send (another Host header, an unnormalised path). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(bridge.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Chromium bridge', () => {
  it('binds 127.0.0.1 only and hands out a URL whose token sits in the fragment', async () => {
    const url = new URL(bridge.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toBe(`#bridge=${bridge.token}`);
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32);
    // Another loopback address reaches this machine but not a server bound to 127.0.0.1 alone.
    await expect(fetch(`http://127.0.0.2:${url.port}/`)).rejects.toThrow();
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await api('getSnapshot')).status).toBe(401);
    // One character off; the token's own last character is 'A' one run in sixteen, so pick another then.
    const offByOne = `${bridge.token.slice(0, -1)}${bridge.token.endsWith('A') ? 'E' : 'A'}`;
    const wrong = await api('getSnapshot', { headers: { [TOKEN_HEADER]: offByOne } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('tasks');
    expect((await fetch(`${bridge.origin}/api/events`)).status).toBe(401);
  });

  it('does not take the token from the URL', async () => {
    const answer = await fetch(`${bridge.origin}/api/events?token=${bridge.token}`);
    expect(answer.status).toBe(401);
  });

  it('answers commands with the token through the same validation as IPC', async () => {
    const ok = await api('getSnapshot', { headers: { [TOKEN_HEADER]: bridge.token } });
    const snapshot = (await ok.json()) as { ok: boolean; value: { portals: { url: string }[] } };
    expect(snapshot.ok).toBe(true);
    expect(snapshot.value.portals[0]?.url).toBe(sim.baseUrl);
    expect(JSON.stringify(snapshot)).not.toContain('admin-password');

    const bad = await api('addPortal', { headers: { [TOKEN_HEADER]: bridge.token }, body: JSON.stringify({ url: 'http://gis.example.com' }) });
    const refused = (await bad.json()) as { ok: false; error: { code: string; message: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(refused.error.message).toMatch(/https/);

    expect((await api('noSuchCommand', { headers: { [TOKEN_HEADER]: bridge.token } })).status).toBe(404);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const answer = await raw('/api/getSnapshot', { host: `rebind.example.com:${new URL(bridge.origin).port}`, [TOKEN_HEADER]: bridge.token });
    expect(answer.status).toBe(421);
  });

  it('serves the built window with its CSP as a header, and nothing outside out/renderer', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(await page.text()).toContain('<div id="app">');
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json']) {
      const answer = await raw(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('"name": "taskwatch"');
    }
  });

  it('pushes snapshots as server-sent events to a client that sent the token in a header', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${bridge.origin}/api/events`, { headers: { [TOKEN_HEADER]: bridge.token }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await service.handlers.updateSettings({ pollIntervalSeconds: 120 });
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('event: snapshot') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    controller.abort();
    expect(text).toContain('event: snapshot');
    expect(text).toContain('"pollIntervalSeconds":120');
  });
});
