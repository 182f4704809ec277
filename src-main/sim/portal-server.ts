/**
 * A simulated ArcGIS Enterprise portal: a real HTTP(S) server speaking the documented admin API, with a
 * control API for tests and the demo (tasks, runs, token expiry, injected failures, latency, live mode).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createGzip, gzipSync } from 'node:zlib';
import { DEFAULT_SLOW_MS, answerInstead, cut, spoiledBody } from './fault-answers';
import { FailureInjector, errorBody, type InjectedFault } from './failures';
import { route, type RouteContext, type RunsStyle, type SimAnswer, type SimRequest } from './routes';
import { SimScheduler } from './scheduler';
import { taskJson } from './task-json';
import { TaskStore, type RunOutcome } from './task-store';
import { TokenIssuer, type UserTable } from './tokens';
import type {
  FailMode,
  FaultOptions,
  RequestLogEntry,
  RequestMatch,
  SimDateFormat,
  SimHourlyHistory,
  SimRunInput,
  SimScenario,
  SimTask,
} from './types';

export interface SimulatedPortalOptions {
  /** PEM key and certificate: serve HTTPS. Without: plain HTTP (loopback only). */
  tls?: { key: string; cert: string };
  host?: string;
  port?: number;
  /** Web adaptor name: `https://host/<context>/...`. Default `portal`. */
  context?: string;
  /** Admin root under the context. Default `admin`. */
  adminPath?: string;
  /** username -> password (administrator) or { password, role }. Default { admin: 'admin-password' }. */
  users?: UserTable;
  /** Longest token lifetime. Default 60 min. */
  tokenTtlMs?: number;
  now?: () => number;
  latencyMs?: number;
  tasks?: SimTask[] | SimScenario;
  /** Zone of zone-less date strings. Default the scenario's, else UTC. */
  timeZone?: string;
  dateFormat?: SimDateFormat;
  /** Write U+202F before AM/PM, as newer Java does. */
  narrowSpace?: boolean;
  /** Start the live scheduler (ticking every `tickMs`, default 1 s). */
  live?: boolean | { tickMs?: number };
  /** /runs honours `start`/`num` (default) or ignores them and sends every run with `"nextStart": 0`. */
  runsPaging?: RunsStyle['paging'];
  /** Each run embeds the task as it is now (default, as documented) or as it was when the run began. */
  runsEmbed?: RunsStyle['embed'];
  /** How long an idle kept-alive connection stays open. Default Node's 5 s (IIS in front of a portal: 120 s). */
  keepAliveTimeoutMs?: number;
}

export type SimulatedPortal = Awaited<ReturnType<typeof startSimulatedPortal>>;

const MAX_BODY_BYTES = 64 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function tokenOf(request: IncomingMessage, form: URLSearchParams, query: URLSearchParams): Pick<SimRequest, 'token'> & Pick<RequestLogEntry, 'tokenIn'> {
  const header = /^Bearer\s+(.+)$/i.exec(String(request.headers['x-esri-authorization'] ?? ''));
  if (header) return { token: header[1]!.trim(), tokenIn: 'header' };
  if (form.get('token')) return { token: form.get('token'), tokenIn: 'body' };
  if (query.get('token')) return { token: query.get('token'), tokenIn: 'query' };
  return { token: null, tokenIn: null };
}

/** Items serialised per part of a large answer: 50,000 runs are ~75 MB of JSON. */
const STREAMED_ITEMS = 1_000;
/**
 * A `result` longer than this is written in parts, as it is serialised, each run's task copy written once
 * and gzipped at speed: a page of 1,000 runs cost the simulator ~20 ms whole, on the cores a bench shares.
 */
const LARGE_LIST_ITEMS = 100;

function isLargeList(json: unknown): json is { result: unknown[] } {
  const result = typeof json === 'object' && json !== null ? (json as { result?: unknown }).result : undefined;
  return Array.isArray(result) && result.length > LARGE_LIST_ITEMS;
}

/**
 * JSON.stringify(item) for a plain object, writing an object member once when the item before had the same one:
 * every run of a task embeds the same task copy, ~1 KB each time.
 */
function itemText(item: unknown, previous: { value?: object; text?: string }): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return JSON.stringify(item);
  const members: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) continue;
    if (typeof value === 'object' && value !== null && value !== previous.value) {
      previous.value = value;
      previous.text = JSON.stringify(value);
    }
    members.push(`${JSON.stringify(key)}:${value === previous.value ? previous.text : JSON.stringify(value)}`);
  }
  return `{${members.join(',')}}`;
}

/** The same text as JSON.stringify(json), a batch of items at a time. */
function* jsonParts({ result, ...rest }: { result: unknown[] }): Generator<string> {
  yield '{"result":[';
  const previous = {};
  for (let at = 0; at < result.length; at += STREAMED_ITEMS) {
    yield (at > 0 ? ',' : '') + result.slice(at, at + STREAMED_ITEMS).map((item) => itemText(item, previous)).join(',');
  }
  const tail = JSON.stringify(rest);
  yield tail === '{}' ? ']}' : `],${tail.slice(1)}`;
}

/** Writes a large answer as it is serialised, gzipped on the fly when accepted, minding backpressure. */
function sendInParts(request: IncomingMessage, response: ServerResponse, json: { result: unknown[] }): void {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) ? createGzip({ level: 1 }) : null;
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
  const out = gzip ?? response;
  if (gzip) {
    gzip.pipe(response);
    response.once('close', () => gzip.destroy());
  }
  const parts = jsonParts(json);
  const pump = (): void => {
    for (let part = parts.next(); !part.done; part = parts.next()) {
      if (response.destroyed) return;
      if (!out.write(part.value)) return void out.once('drain', pump);
    }
    out.end();
  };
  pump();
}

/**
 * gzip that keeps its last answer: a steady poll asks a portal for the same task list again and again,
 * and the simulator shares the cores with the core the bench measures (a real portal does not).
 */
function gzipKeepingLast(): (text: string) => Buffer {
  let last: { text: string; body: Buffer } | null = null;
  return (text) => {
    if (last?.text !== text) last = { text, body: gzipSync(text) };
    return last.body;
  };
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  answer: SimAnswer,
  pretty: boolean,
  fault: InjectedFault | null = null,
  gzip: (text: string) => Buffer = gzipSync,
): void {
  const isJson = 'json' in answer;
  // An answer whose text is kept (a task list) is sent whole, so its kept gzip serves the next poll too.
  if (isJson && fault === null && !pretty && !answer.text && isLargeList(answer.json)) return sendInParts(request, response, answer.json);
  const text = isJson ? ((!pretty && answer.text) || JSON.stringify(answer.json, null, pretty ? 2 : undefined)) : answer.html;
  let body = fault ? spoiledBody(fault, answer, text) : Buffer.from(text);
  const headers: Record<string, string> = {
    'Content-Type': isJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
  };
  if (body.length > 1024 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    body = fault ? gzipSync(body) : gzip(text);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  response.writeHead(isJson ? 200 : answer.status ?? 200, headers);
  if (fault?.mode !== 'cut-connection') return void response.end(body);
  // The headers announced the whole body: send part of it, then drop the connection.
  response.write(cut(body, fault.options.fraction), () => response.destroy());
}

export async function startSimulatedPortal(options: SimulatedPortalOptions = {}) {
  const scenario = Array.isArray(options.tasks) ? undefined : options.tasks;
  const now = options.now ?? Date.now;
  const context = (options.context ?? 'portal').replace(/^\/+|\/+$/g, '');
  const adminPath = (options.adminPath ?? 'admin').replace(/^\/+|\/+$/g, '');
  const timeZone = options.timeZone ?? scenario?.timeZone ?? 'UTC';
  const store = new TaskStore(now);
  const tokens = new TokenIssuer(options.users ?? { admin: 'admin-password' }, options.tokenTtlMs ?? 3_600_000, now);
  const failures = new FailureInjector();
  const scheduler = new SimScheduler(store, now, timeZone);
  const requestLog: RequestLogEntry[] = [];
  const waits = new Set<NodeJS.Timeout>();
  let latencyMs = options.latencyMs ?? 0;
  const routeContext: RouteContext = {
    store,
    tokens,
    adminPath,
    style: { format: options.dateFormat ?? scenario?.dateFormat ?? 'epoch', timeZone, narrowSpace: options.narrowSpace ?? false },
    runs: { paging: options.runsPaging ?? 'honour', embed: options.runsEmbed ?? 'current' },
  };
  for (const task of (Array.isArray(options.tasks) ? options.tasks : scenario?.tasks) ?? []) store.add(task);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://sim');
    const form = new URLSearchParams(request.method === 'POST' ? await readBody(request) : '');
    const params = new URLSearchParams([...url.searchParams, ...form]);
    const { token, tokenIn } = tokenOf(request, form, url.searchParams);
    const entry: RequestLogEntry = { at: now(), method: request.method ?? 'GET', path: url.pathname, url: request.url ?? '/', tokenIn, injected: null };
    requestLog.push(entry);
    const fault = failures.take(entry);
    entry.injected = fault?.mode ?? null;
    if (latencyMs > 0) await wait(latencyMs);
    if (fault?.mode === 'hang') return; // never answers; close() ends the socket
    if (fault?.mode === 'reset') return void request.socket.destroy();
    if (fault?.mode === 'slow') await wait(fault.options.delayMs ?? DEFAULT_SLOW_MS);
    const instead = fault && answerInstead(fault.mode, url.pathname, { token, password: form.get('password') });
    if (instead) return send(request, response, instead, false);

    const prefix = `/${context}/`;
    const segments = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent)
      : [];
    const answer: SimAnswer = segments.length
      ? route({ method: entry.method, segments, params, token }, routeContext)
      : { html: '<!DOCTYPE html><title>Not Found</title><h1>404 Not Found</h1>', status: 404 };
    send(request, response, answer, params.get('f') === 'pjson', fault, gzipAnswer);
  }

  const gzipAnswer = gzipKeepingLast();

  function wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.add(timer);
    });
  }

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) send(request, response, { json: errorBody(500, error.message) }, false);
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  // Connections accepted, and TLS handshakes that resumed a session: what keep-alive and session reuse save.
  let connections = 0;
  let resumedSessions = 0;
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections++;
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('secureConnection', (socket: TLSSocket) => void (resumedSessions += socket.isSessionReused() ? 1 : 0));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/${context}`;
  const live = options.live;
  if (live) scheduler.start(typeof live === 'object' ? live.tickMs : undefined);

  return {
    baseUrl,
    adminUrl: `${baseUrl}/${adminPath}`,
    tokenUrl: `${baseUrl}/sharing/rest/generateToken`,
    requestLog,
    /** Requests whose path contains `filter` (or that pass it). */
    countRequests: (filter?: RequestMatch) =>
      requestLog.filter((entry) =>
        filter === undefined ? true : typeof filter === 'string' ? entry.path.includes(filter) : filter instanceof RegExp ? filter.test(entry.path) : filter(entry),
      ).length,
    clearRequestLog: () => void requestLog.splice(0),
    /** TCP connections accepted so far. */
    connectionCount: () => connections,
    /** TCP connections open now. */
    openConnectionCount: () => open.size,
    /** TLS connections so far that resumed an earlier session instead of a full handshake. */
    resumedSessionCount: () => resumedSessions,
    /** Every token handed out, so that tests can prove none travelled in a URL. */
    issuedTokens: (): readonly string[] => tokens.issued,
    addTask: (task: SimTask) => store.add(task),
    updateTask: (id: string, patch: Partial<Omit<SimTask, 'id'>>) => store.update(id, patch),
    removeTask: (id: string) => store.remove(id),
    /** The task as the API returns it. */
    getTask: (id: string) => taskJson(store.get(id), routeContext.style),
    startRun: (taskId: string, at?: number) => store.startRun(taskId, at),
    completeRun: (taskId: string, outcome: RunOutcome) => store.completeRun(taskId, outcome),
    /** Completed runs, each as given: odd ones too (no runId, null or future created, a reused runId, any status). */
    addRuns: (taskId: string, runs: SimRunInput[]) => store.addRuns(taskId, runs),
    /** A long history fast: `count` runs an hour apart from `from`, failed at the `failAt` indices. */
    addHourlyHistory: (taskId: string, history: SimHourlyHistory) => store.addHourlyHistory(taskId, history),
    /** Retention: runs that started before `time` are no longer listed. */
    forgetRunsBefore: (taskId: string, time: number) => store.forgetRunsBefore(taskId, time),
    expireTokens: () => tokens.expireAll(),
    setTokenTtl: (ms: number) => void (tokens.ttlMs = ms),
    /** The next `times` matching requests fail with `mode` (Infinity: until `clearFailures`). */
    failNext: (match: RequestMatch, mode: FailMode, times = 1, options?: FaultOptions) => failures.add(match, mode, times, options),
    /** Every matching request fails with `mode` until `clearFailures`. */
    failAlways: (match: RequestMatch, mode: FailMode, options?: FaultOptions) => failures.add(match, mode, Infinity, options),
    /** Drops every pending and permanent failure. */
    clearFailures: () => failures.clear(),
    setLatency: (ms: number) => void (latencyMs = ms),
    setRunsPaging: (paging: RunsStyle['paging']) => void (routeContext.runs.paging = paging),
    setRunsEmbed: (embed: RunsStyle['embed']) => void (routeContext.runs.embed = embed),
    runScheduler: (tickMs?: number) => scheduler.start(tickMs),
    stopScheduler: () => scheduler.stop(),
    /** Live mode on an injected clock: run everything due since the last tick. */
    tick: () => scheduler.tick(),
    stall: (taskId: string) => scheduler.stall(taskId),
    resume: (taskId: string) => scheduler.resume(taskId),
    close: () =>
      new Promise<void>((resolve) => {
        scheduler.stop();
        for (const wait of waits) clearTimeout(wait);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
