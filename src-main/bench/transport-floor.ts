/**
 * What the fleet's first cycle costs Node's HTTPS alone: the same requests as the core's first poll
 * (a token, the task list, each task's first page of runs; the same requests in flight per portal,
 * every portal at once, connections kept), each answer inflated and parsed, nothing checked or kept.
 * No client on this stack polls the fleet in less time or memory than this, on the same machine: it
 * is the floor the core's own numbers are read against.
 */
import https from 'node:https';
import { gunzipSync, inflateSync } from 'node:zlib';
import { defaultCycleOptions } from '../core/monitor/portal-cycle';
import type { RemoteFleet } from './fleet';
import { trackPeakRss } from './peak-rss';

export interface FloorResult {
  ms: number;
  cpuMs: number;
  simCpuMs: number;
  requests: number;
  connections: number;
  peakRssBytes: number;
}

function fetchJson(agent: https.Agent, url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { agent, method: init.method ?? 'GET', headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate', ...init.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const text = encoding === 'gzip' ? gunzipSync(body) : encoding === 'deflate' ? inflateSync(body) : body;
        resolve(JSON.parse(text.toString('utf8')));
      });
    });
    request.once('error', reject);
    request.end(init.body);
  });
}

async function pollBare(baseUrl: string, agent: https.Agent, perPortal: number): Promise<void> {
  const form = new URLSearchParams({ username: 'admin', password: 'admin-password', client: 'referer', referer: baseUrl, f: 'json' }).toString();
  const { token } = (await fetchJson(agent, `${baseUrl}/sharing/rest/generateToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  })) as { token: string };
  const headers = { 'X-Esri-Authorization': `Bearer ${token}` };
  const list = (await fetchJson(agent, `${baseUrl}/admin/system/tasks?f=json`, { headers })) as { result: Array<{ id: string }> };
  const ids = list.result.map((task) => task.id);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = encodeURIComponent(ids[next++]!);
      await fetchJson(agent, `${baseUrl}/admin/system/tasks/${id}/runs?f=json&num=${defaultCycleOptions.firstPageSize}`, { headers });
    }
  };
  await Promise.all(Array.from({ length: perPortal }, worker));
}

/** One bare first cycle over `fleet` (latency already set), `perPortal` requests in flight per portal. */
export async function transportFloor(fleet: RemoteFleet, perPortal: number): Promise<FloorResult> {
  const agents = fleet.baseUrls.map(() => new https.Agent({ keepAlive: true, maxSockets: perPortal, ca: fleet.certificatePem }));
  globalThis.gc?.();
  await fleet.clear();
  const peak = trackPeakRss();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(fleet.baseUrls.map((baseUrl, index) => pollBare(baseUrl, agents[index]!, perPortal)));
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  peak.stop();
  const counts = await fleet.counts();
  agents.forEach((agent) => agent.destroy());
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, simCpuMs: counts.simCpuMs, requests: counts.requests, connections: counts.connections, peakRssBytes: peak.bytes };
}
