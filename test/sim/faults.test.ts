import { afterEach, describe, expect, it } from 'vitest';
import { SIM_ENDPOINTS, startSimulatedPortal, type FailMode, type SimTask, type SimulatedPortal } from '../../src-main/sim';
import { adminGet, adminToken } from './admin-http';

const HOUR = 3_600_000;
const gp: SimTask = { id: 'gp1', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?' };
/** Uncompressed answers, so that byte counts are those of the JSON itself. */
const IDENTITY = { 'Accept-Encoding': 'identity' };

let portal: SimulatedPortal;
let token: string;
afterEach(async () => portal?.close());

async function portalWithRuns(count = 3): Promise<void> {
  portal = await startSimulatedPortal({ tasks: [gp] });
  portal.addRuns('gp1', Array.from({ length: count }, (_, n) => ({ status: 'succeeded', result: 'GP Jobs have been cleaned.', startedAt: n * HOUR })));
  token = await adminToken(portal);
}

function getRuns(): Promise<Response> {
  return fetch(`${portal.adminUrl}/system/tasks/gp1/runs?f=json`, { headers: { ...IDENTITY, 'X-Esri-Authorization': `Bearer ${token}` } });
}

describe('faults per endpoint', () => {
  it('breaks the next matching request only, as many times as asked', async () => {
    await portalWithRuns();
    portal.failNext('/system/tasks', 'error-500', 2);
    expect(await (await adminGet(portal, '/system/tasks', token)).json()).toMatchObject({ error: { code: 500 } });
    expect(await (await adminGet(portal, '/system/tasks', token)).json()).toMatchObject({ error: { code: 500 } });
    expect(await (await adminGet(portal, '/system/tasks', token)).json()).toHaveProperty('result');
  });

  it('fails one endpoint every time until cleared, leaving the others alone', async () => {
    await portalWithRuns();
    portal.failAlways('/runs', 'http-502');
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await getRuns()).status).toBe(502);
    expect(await (await adminGet(portal, '/system/tasks', token)).json()).toHaveProperty('result');
    expect(portal.requestLog.filter((entry) => entry.injected === 'http-502')).toHaveLength(3);
    portal.clearFailures();
    expect(await (await getRuns()).json()).toMatchObject({ total: 3 });
    portal.failNext('/runs', 'empty', Infinity);
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await (await getRuns()).text()).toBe('');
  });

  it('aims at exactly one endpoint by its path pattern', async () => {
    await portalWithRuns();
    portal.failAlways(SIM_ENDPOINTS.tasks, 'http-503');
    expect((await adminGet(portal, '/system/tasks', token)).status).toBe(503);
    expect(await (await adminGet(portal, '/system/tasks/gp1', token)).json()).toMatchObject({ id: 'gp1' });
    expect((await getRuns()).status).toBe(200);
    portal.clearFailures();
    portal.failAlways(SIM_ENDPOINTS.task, 'error-404');
    expect(await (await adminGet(portal, '/system/tasks/gp1', token)).json()).toMatchObject({ error: { code: 404 } });
    expect(await (await adminGet(portal, '/system/tasks', token)).json()).toHaveProperty('result');
    expect((await getRuns()).status).toBe(200);
  });

  it.each(['http-500', 'http-502', 'http-503'] as const)('%s: that HTTP status with a proxy\'s HTML page', async (mode) => {
    await portalWithRuns();
    portal.failNext('/runs', mode);
    const response = await getRuns();
    const status = Number(mode.slice(5));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(new RegExp(`<h1>${status} (Internal Server Error|Bad Gateway|Service Unavailable)</h1>`));
  });

  it('the token endpoint fails like any other: a 502 is not an answer about the credentials', async () => {
    await portalWithRuns();
    portal.failAlways('generateToken', 'http-502');
    const body = new URLSearchParams({ username: 'admin', password: 'admin-password', client: 'referer', referer: 'taskwatch', f: 'json' });
    const response = await fetch(portal.tokenUrl, { method: 'POST', body });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('Bad Gateway');
    expect((await getRuns()).status).toBe(200);
  });

  it('html and directory-page: an HTML page with HTTP 200 although f=json was asked', async () => {
    await portalWithRuns();
    portal.failNext('/runs', 'html');
    portal.failNext('/runs', 'directory-page');
    const login = await getRuns();
    expect([login.status, login.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await login.text()).toContain('Sign in with your organizational account');
    const directory = await getRuns();
    expect(directory.status).toBe(200);
    expect(await directory.text()).toContain('ArcGIS Enterprise Administrator Directory');
  });

  it.each([
    ['error-403', 403],
    ['error-404', 404],
    ['error-498', 498],
    ['error-500', 500],
  ] as const)('%s: the portal\'s error body with HTTP 200', async (mode, code) => {
    await portalWithRuns();
    portal.failNext('/runs', mode);
    const response = await getRuns();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String), details: [] } });
  });

  it.each(['missing-comma', 'invalid-json'] as const)('%s: the reference sample\'s defect, no comma between the first two runs', async (mode) => {
    await portalWithRuns(2);
    portal.failNext('/runs', mode);
    const text = await (await getRuns()).text();
    expect(() => JSON.parse(text)).toThrow();
    expect(JSON.parse(text.replace(/\n {4}\}\n {4}\{/, '\n    },\n    {')).result).toHaveLength(2);
  });

  it('malformed: a syntax error in the middle of an otherwise complete answer', async () => {
    await portalWithRuns();
    const valid = await (await getRuns()).text();
    portal.failNext('/runs', 'malformed');
    const text = await (await getRuns()).text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toHaveLength(valid.length);
    expect(text.endsWith('}')).toBe(true);
    const firstDifference = [...text].findIndex((char, index) => char !== valid[index]);
    expect(firstDifference).toBeGreaterThanOrEqual(valid.length / 2);
    expect(firstDifference).toBeLessThan(valid.length - 10);
  });

  it('truncated: a complete HTTP answer whose body is the first part of the JSON', async () => {
    await portalWithRuns();
    const valid = await (await getRuns()).text();
    portal.failNext('/runs', 'truncated', 1, { fraction: 0.25 });
    const response = await getRuns();
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(text.length).toBe(Math.floor(valid.length * 0.25));
    expect(valid.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('cut-connection: the headers promise the whole body, the connection closes half-way', async () => {
    await portalWithRuns();
    const valid = await (await getRuns()).text();
    portal.failNext('/runs', 'cut-connection');
    const response = await getRuns();
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(valid));
    await expect(response.text()).rejects.toThrow();
  });

  it('oversized: valid JSON with the same runs, larger than the size asked', async () => {
    await portalWithRuns();
    const valid = await (await getRuns()).json();
    portal.failNext('/runs', 'oversized', 1, { bytes: 300_000 });
    const text = await (await getRuns()).text();
    expect(text.length).toBeGreaterThan(300_000);
    expect(JSON.parse(text)).toMatchObject(valid as object);
    portal.failNext('/runs', 'oversized');
    expect((await (await getRuns()).arrayBuffer()).byteLength).toBeGreaterThan(16 * 1_048_576);
  });

  it('empty: HTTP 200 and no body at all', async () => {
    await portalWithRuns();
    portal.failNext('/runs', 'empty');
    const response = await getRuns();
    expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([200, '0', '']);
  });

  it('slow answers after the delay asked, hang never, reset drops the connection', async () => {
    await portalWithRuns();
    portal.failNext('/runs', 'slow', 1, { delayMs: 400 });
    const started = Date.now();
    expect(await (await getRuns()).json()).toMatchObject({ total: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    portal.failNext('/runs', 'hang');
    await expect(fetch(`${portal.adminUrl}/system/tasks/gp1/runs?f=json`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    portal.failNext('/runs', 'reset');
    await expect(getRuns()).rejects.toThrow();
  });

  it('logs which fault each request got', async () => {
    await portalWithRuns();
    const modes: FailMode[] = ['html', 'empty'];
    for (const mode of modes) portal.failNext('/runs', mode);
    await getRuns();
    await getRuns();
    await getRuns();
    expect(portal.requestLog.filter((entry) => entry.path.endsWith('/runs')).map((entry) => entry.injected)).toEqual(['html', 'empty', null]);
  });
});
