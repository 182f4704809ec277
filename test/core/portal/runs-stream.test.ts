import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { streamRequest } from '../../../src-main/core/portal/http';
import { runsAnswerReader } from '../../../src-main/core/portal/runs-stream';
import { clientFor, failureOf, simulatedPortals } from './harness';

const HOUR = 3_600_000;
const BASE = Date.UTC(2020, 0, 1);
/** A task copy the size of the reference's (~1.5 KB), as every run of a real answer carries one. */
const TASK = JSON.stringify({ id: 'bk1', taskTitle: 'nightly', lastStart: BASE, parameters: { passcode: '{crypt}x', notes: 'n'.repeat(1400) } });

const runText = (n: number) =>
  `{"result":"Backup ${n} done.","task":${TASK},"created":${BASE + n * HOUR + 30_000},"modified":${BASE + n * HOUR + 30_000},` +
  `"runId":"run${n}","url":"","status":"${n % 1000 === 7 ? 'failed' : 'succeeded'}"}`;

type Handler = (response: ServerResponse) => void;
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A plain server answering every request with `handler`: the answer shapes no simulator mode makes. */
async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((_request, response) => handler(response));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal/admin/system/tasks/bk1/runs`;
}

function read(url: string, maxItemBytes?: number) {
  return streamRequest({ method: 'GET', url }, runsAnswerReader({ url, timeZone: 'UTC', requestedStart: 0, limits: { maxItemBytes } }));
}

/** Writes `count` runs gzipped, a few at a time and with backpressure, like a server streaming its answer. */
function gzippedRuns(count: number): Handler {
  return (response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const gzip = createGzip();
    gzip.pipe(response);
    let n = 0;
    const more = () => {
      while (n < count) {
        const batch: string[] = [];
        for (const end = Math.min(count, n + 200); n < end; n++) batch.push(runText(n));
        const text = `${n === batch.length ? '{"result":[' : ','}${batch.join(',')}`;
        if (!gzip.write(text)) return void gzip.once('drain', more);
      }
      gzip.end(`],"total":${count},"num":${count},"start":0,"nextStart":0}`);
    };
    more();
  };
}

describe('a runs answer read as it streams in', () => {
  it('reads 50,000 runs of ~75 MB holding one run at a time', async () => {
    const url = await serve(gzippedRuns(50_000));
    const { page, stats } = await read(url);
    expect(page.runs).toHaveLength(50_000);
    expect(new Set(page.runs.map((run) => run.id)).size).toBe(50_000);
    expect(page.runs[0]).toMatchObject({ id: 'run49999', created: BASE + 49_999 * HOUR + 30_000, status: 'succeeded' });
    expect(page.runs.filter((run) => run.status === 'failed')).toHaveLength(50);
    expect(page).toMatchObject({ total: 50_000, num: 50_000, start: 0, nextStart: null, skipped: [] });
    expect(stats.bytes).toBeGreaterThan(75_000_000);
    // The embedded task copy is never kept: the most held at once is one compact run.
    expect(stats.maxBufferedBytes).toBeLessThan(300);
  });

  it('checks each run on its own: a bad one is reported with its position, the others kept', async () => {
    const url = await serve((response) =>
      response.end(`{"result":[${runText(1)},{"runId":"odd","status":{"word":"failed"},"task":${TASK}},${runText(2)}],"total":3}`),
    );
    const { page } = await read(url);
    expect(page.runs.map((run) => run.id)).toEqual(['run2', 'run1']);
    expect(page.skipped).toEqual([{ index: 1, reason: expect.stringContaining('"result[1].status"') }]);
  });

  it('names the URL for a web page, a server error page, the portal\'s error answer and a truncated answer', async () => {
    const html = await serve((response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><title>Sign In</title>'));
    expect((await failureOf(read(html))).message).toBe(
      `${html} answered with a web page instead of JSON: is the admin URL right, or is the portal behind a single sign-on page?`,
    );
    const page = await serve((response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('\n<html>login</html>'));
    expect((await failureOf(read(page))).message).toContain('answered with a web page instead of JSON');
    const gateway = await serve((response) => response.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' }).end('<h1>502</h1>'));
    expect(await failureOf(read(gateway))).toMatchObject({ kind: 'api', message: `${gateway} answered HTTP 502 Bad Gateway.` });
    const broken = await serve((response) => response.writeHead(500, 'Internal Server Error').end('{"result": [oops'));
    expect((await failureOf(read(broken))).message).toBe(`${broken} answered HTTP 500 Internal Server Error.`);
    const refused = await serve((response) => response.end('{"error":{"code":403,"message":"You do not have permissions.","details":[]}}'));
    expect(await failureOf(read(refused))).toMatchObject({ kind: 'api', portalCode: 403, message: expect.stringContaining(`${refused}: not allowed`) });
    const cut = await serve((response) => response.end(`{"result":[${runText(1)},${runText(2).slice(0, 500)}`));
    expect(await failureOf(read(cut))).toMatchObject({
      kind: 'bad-response',
      message: `${cut} answered with invalid JSON (the answer ended early, after ${runText(1).length + 512} bytes and 1 run).`,
    });
    const shapeless = await serve((response) => response.end('{"runs":[]}'));
    expect((await failureOf(read(shapeless))).message).toBe(`${shapeless} answered JSON of an unexpected shape: "result": expected an array of runs.`);
  });

  it('bounds the whole exchange in time: an answer that stops half-way ends at the timeout', async () => {
    const url = await serve((response) => response.writeHead(200, { 'Content-Type': 'application/json' }).write(`{"result":[${runText(1)},`));
    const reader = runsAnswerReader({ url, timeZone: 'UTC', requestedStart: 0 });
    const started = Date.now();
    const error = await failureOf(streamRequest({ method: 'GET', url, timeoutMs: 400 }, reader));
    expect(error).toMatchObject({ kind: 'unreachable', message: `${url} did not answer within 0.4 s.` });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops reading at a run over the cap, and says so with the URL', async () => {
    let closedEarly = false;
    const url = await serve((response) => {
      response.once('close', () => (closedEarly = !response.writableFinished));
      gzippedRuns(50_000)(response);
    });
    const error = await failureOf(read(url, 1024));
    expect(error.message).toBe(`${url} answered a run (result[0]) larger than 1 KB; the answer was not read.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedEarly).toBe(true);
  });
});

describe('runs through the portal client', () => {
  const sim = simulatedPortals();

  it('reads every run when the portal ignores paging, and retries a rejected token once', async () => {
    const portal = await sim({ runsPaging: 'ignore' });
    portal.addRuns('gp1', Array.from({ length: 3000 }, (_, n) => ({ status: n === 1234 ? 'failed' : 'succeeded', result: `run ${n}`, startedAt: BASE + n * HOUR })));
    const client = clientFor(portal);
    portal.failNext('/runs', 'error-498');
    const page = await client.listRuns('gp1', { start: 0, num: 10 });
    expect(page.runs).toHaveLength(3000);
    expect(page.runs.find((run) => run.status === 'failed')?.result).toBe('run 1234');
    expect(page).toMatchObject({ total: 3000, nextStart: null });
    expect(portal.countRequests('/runs')).toBe(2);
  });

  it('refuses an answer with more runs than its cap as too large, naming the task\'s URL', async () => {
    const portal = await sim({ runsPaging: 'ignore' });
    portal.addRuns('gp1', Array.from({ length: 20 }, (_, n) => ({ status: 'succeeded', result: `run ${n}`, startedAt: BASE + n * HOUR })));
    const error = await failureOf(clientFor(portal, {}, { runsLimits: { maxItems: 10 } }).listRuns('gp1'));
    expect(error).toMatchObject({ kind: 'bad-response', url: `${portal.adminUrl}/system/tasks/gp1/runs` });
    expect(error.message).toBe(`${portal.adminUrl}/system/tasks/gp1/runs answered more than 10 runs; the answer was not read.`);
  });
});
