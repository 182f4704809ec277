/**
 * One portal's admin API, as Taskwatch uses it: list tasks, read a task and its runs, enable or disable
 * it. Every request is bounded in time, carries its token outside the URL, and is retried exactly once
 * with a fresh token when the portal says the token is invalid or missing (498 / 499).
 */
import { silentLogger, systemClock, type Clock, type Logger } from '../ports';
import { redactKnown } from '../redact';
import { expectSuccess, parseTask, parseTaskList, parseToken, readJson } from './answers';
import { keepUnchangedTasks } from './schemas';
import { PortalRequestError, authFailed, displayUrl } from './errors';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, assertSecureUrl, type TransportRequest, type TransportResponse } from './http';
import type { JsonStreamLimits } from './json-stream';
import { redactingReader } from './redacting-reader';
import { runsAnswerReader } from './runs-stream';
import { ConnectionPool } from './connections';
import { CertificateTrust } from './tls-pinning';
import { TokenSource } from './token';
import type { PortalConnection, PortalTask, RunsPage, TaskList } from './types';
import { tokenUrl } from './urls';

export interface PortalClientDeps {
  /** The portal password, from the keychain; asked for at each token generation, never kept. */
  getPassword: () => Promise<string>;
  clock?: Clock;
  /** Per request, connecting and reading included. Default 20 s. */
  timeoutMs?: number;
  /** Largest answer read whole (all but runs). Default 16 MB. */
  maxBytes?: number;
  /** Bounds of a runs answer, which is read as it streams in. Default: runs up to 1 MB each, 500,000 runs, 1 GB. */
  runsLimits?: Partial<JsonStreamLimits>;
  /** Token lifetime asked for, in minutes. Default 60. */
  tokenMinutes?: number;
  /** Connections to the portal at once, kept alive between polls (requests beyond wait their turn). Default 4. */
  maxConnections?: number;
  /** False for a client used once (e.g. to try a password): it keeps no connection open. Default true. */
  keepConnections?: boolean;
  logger?: Logger;
}

export interface RunsQuery {
  start?: number;
  num?: number;
  /**
   * Answers up to this size are held and parsed whole, which is faster than scanning them as they stream;
   * for pages someone waits for (a history). Polls keep the small default: a portal that ignores paging
   * sends every run each time, and the scanner keeps only what it needs.
   */
  wholeAnswerBytes?: number;
}

/** 498: invalid or expired token; 499: token required. */
const TOKEN_REJECTED = new Set([498, 499]);

function isTokenRejection(error: unknown): error is PortalRequestError {
  return error instanceof PortalRequestError && error.kind === 'api' && TOKEN_REJECTED.has(error.portalCode ?? 0);
}

export class PortalClient {
  /** Every HTTP request made, token generation included: for benchmarks and polling-strategy tests. */
  requestCount = 0;
  readonly #connection: PortalConnection;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #runsLimits: Partial<JsonStreamLimits> | undefined;
  readonly #logger: Logger;
  readonly #trust: CertificateTrust;
  readonly #tokens: TokenSource;
  readonly #connections: ConnectionPool;
  /**
   * The last task list read, by the digest of its answer on the wire and the token it was read with (an
   * answer that repeats the token is masked with the token of its time): in steady state a portal sends
   * the same bytes poll after poll, and inflating, parsing and checking them again would learn nothing.
   */
  #lastTaskList: { digest: string; token: string; list: TaskList } | null = null;

  constructor(connection: PortalConnection, deps: PortalClientDeps) {
    assertSecureUrl(new URL(connection.baseUrl));
    assertSecureUrl(new URL(connection.adminUrl));
    this.#connection = connection;
    this.#timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#runsLimits = deps.runsLimits;
    this.#logger = deps.logger ?? silentLogger;
    this.#trust = new CertificateTrust(connection.fingerprint, this.#timeoutMs);
    this.#connections = new ConnectionPool(deps.maxConnections, deps.keepConnections);
    this.#tokens = new TokenSource({
      tokenUrl: tokenUrl(connection.baseUrl),
      username: connection.username,
      getPassword: deps.getPassword,
      clock: deps.clock ?? systemClock,
      expirationMinutes: deps.tokenMinutes,
      post: async (url, form) => parseToken(await this.#exchange('POST', new URL(url), form), displayUrl(url)),
    });
  }

  /**
   * The same answer as last time gives the same objects as last time, and a task read as last time is
   * last time's object in a changed answer too: callers must not change them.
   */
  async listTasks(): Promise<TaskList> {
    const url = this.#adminUrl('system/tasks');
    const answer = await this.#authorized(async (token) => {
      const known = this.#lastTaskList?.token === token ? this.#lastTaskList : null;
      const { request, response } = await this.#send('GET', url, {}, token, { known: known?.digest ?? null });
      if (known && response.wire.digest === known.digest) return known;
      return { digest: response.wire.digest!, token, json: this.#read(request, response, {}, token) };
    });
    if ('list' in answer) return answer.list;
    const read = parseTaskList(answer.json, this.#connection.timeZone, displayUrl(url));
    const list = { ...read, tasks: keepUnchangedTasks(read.tasks, this.#lastTaskList?.list.tasks ?? []) };
    this.#lastTaskList = { digest: answer.digest, token: answer.token, list };
    return list;
  }

  async getTask(taskId: string): Promise<PortalTask> {
    const url = this.#adminUrl('system/tasks', taskId);
    return parseTask(await this.#authorized((token) => this.#exchange('GET', url, {}, token)), this.#connection.timeZone, displayUrl(url));
  }

  /**
   * One page of a task's completed runs, newest first. The server may ignore `start`/`num` and send every
   * run: the answer is read as it streams in, so its size costs the runs kept, not the answer's bytes.
   */
  async listRuns(taskId: string, query: RunsQuery = {}): Promise<RunsPage> {
    const url = this.#adminUrl('system/tasks', taskId, 'runs');
    if (query.start !== undefined) url.searchParams.set('start', String(query.start));
    if (query.num !== undefined) url.searchParams.set('num', String(query.num));
    const shown = displayUrl(url);
    const answer = await this.#authorized((token) =>
      this.#logged(
        this.#request('GET', url, {}, token),
        (request) =>
          this.#trust.stream(
            request,
            redactingReader(
              runsAnswerReader({ url: shown, timeZone: this.#connection.timeZone, requestedStart: query.start ?? 0, limits: this.#runsLimits, wholeAnswerBytes: query.wholeAnswerBytes }),
              [token],
            ),
          ),
        ({ stats }) => ({ runs: stats.items, bytes: stats.bytes, missingCommas: stats.missingCommas }),
      ),
    );
    return answer.page;
  }

  async setTaskEnabled(taskId: string, enabled: boolean): Promise<void> {
    const url = this.#adminUrl('system/tasks', taskId, enabled ? 'enable' : 'disable');
    expectSuccess(await this.#authorized((token) => this.#exchange('POST', url, {}, token)), displayUrl(url));
  }

  /** Signs in and lists the tasks: what "Test connection" in the portal form does. */
  async testConnection(): Promise<{ taskCount: number }> {
    const { tasks, skipped } = await this.listTasks();
    return { taskCount: tasks.length + skipped.length };
  }

  /** Hangs up the kept connections (each busy one once its answer is read): the client is no longer wanted. */
  close(): void {
    this.#connections.close();
  }

  /** `<admin>/system/tasks/<id>/...`, each segment encoded (task ids come from the portal). */
  #adminUrl(path: string, ...segments: string[]): URL {
    const encoded = segments.map((segment) => `/${encodeURIComponent(segment)}`).join('');
    return new URL(`${this.#connection.adminUrl.replace(/\/+$/, '')}/${path}${encoded}`);
  }

  /** A request with the token; a rejected token is renewed and the request retried once, never more. */
  async #authorized<T>(attempt: (token: string) => Promise<T>): Promise<T> {
    const first = await this.#tokens.get();
    try {
      return await attempt(first);
    } catch (error) {
      if (!isTokenRejection(error)) throw error;
      this.#tokens.invalidate(first);
    }
    const second = await this.#tokens.get();
    try {
      return await attempt(second);
    } catch (error) {
      if (!isTokenRejection(error)) throw error;
      this.#tokens.invalidate(second);
      const why = `the portal rejected a freshly generated token (${error.portalMessage ?? `code ${error.portalCode}`}).`;
      throw authFailed(error.url, why, error.portalCode);
    }
  }

  /** The request as sent: the token goes in a header (GET) or the form body (POST), never in the URL. */
  #request(method: 'GET' | 'POST', url: URL, form: Record<string, string>, token?: string): TransportRequest {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    let body: Record<string, string> | undefined;
    if (method === 'GET') {
      target.searchParams.set('f', 'json');
      if (token) headers['X-Esri-Authorization'] = `Bearer ${token}`;
    } else {
      body = { ...form, f: 'json', ...(token ? { token } : {}) };
    }
    return { method, url: target.toString(), headers, form: body, timeoutMs: this.#timeoutMs, maxBytes: this.#maxBytes, connections: this.#connections };
  }

  /** Sends `request` through `send`, counted and logged (URL without query, so never a token; `facts`: what else to log). */
  async #logged<T>(
    request: TransportRequest,
    send: (request: TransportRequest) => Promise<T>,
    facts: (result: T) => Record<string, unknown> = () => ({}),
  ): Promise<T> {
    const shown = displayUrl(request.url);
    const startedAt = Date.now();
    this.requestCount += 1;
    try {
      const result = await send(request);
      this.#logger.log('debug', 'portal answered', { method: request.method, url: shown, ms: Date.now() - startedAt, ...facts(result) });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.log('debug', 'portal request failed', { method: request.method, url: shown, ms: Date.now() - startedAt, message });
      throw error;
    }
  }

  /** One exchange whose answer is read whole and checked as JSON. */
  async #exchange(method: 'GET' | 'POST', url: URL, form: Record<string, string>, token?: string): Promise<unknown> {
    const { request, response } = await this.#send(method, url, form, token);
    return this.#read(request, response, form, token);
  }

  /** One exchange whose answer is read whole, as text (`digest`: see TransportRequest). */
  async #send(method: 'GET' | 'POST', url: URL, form: Record<string, string>, token?: string, digest?: TransportRequest['digest']) {
    const request = { ...this.#request(method, url, form, token), ...(digest ? { digest } : {}) };
    const response = await this.#logged(request, (sent) => this.#trust.send(sent), ({ status }) => ({ status }));
    return { request, response };
  }

  /** An answer read whole, checked as JSON. */
  #read(request: TransportRequest, response: TransportResponse, form: Record<string, string>, token?: string): unknown {
    // Everything Taskwatch learns from a portal enters through here or listRuns' stream. Some proxies and
    // misconfigured servers repeat the request's token or password in an error or a run's result: masked
    // now, nothing later sees them.
    const sent = [token, form.password];
    return readJson({ ...response, body: redactKnown(response.body, sent), statusText: redactKnown(response.statusText, sent) }, displayUrl(request.url));
  }
}
