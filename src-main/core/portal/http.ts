/**
 * One HTTP(S) exchange with a portal, bounded in time and size. HTTPS only, except plain http to this
 * computer (the simulator, a local tunnel). The caller never puts a token in the URL: GETs carry it in a
 * header, POSTs in the form body.
 */
import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createGunzip, createInflate, gunzipSync, inflateSync } from 'node:zlib';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { PortalRequestError, displayUrl, networkError, timeoutError, tooLarge } from './errors';
import { singleUseAgent, type ConnectionPool, type TlsOptions } from './connections';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 16 * 1_048_576;

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** May carry a query (f=json, start, num), never a token. */
  url: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Covers connecting, TLS, sending and reading the whole answer. */
  timeoutMs?: number;
  /** Largest answer `sendRequest` keeps whole; a streamed answer is bounded by its reader. */
  maxBytes?: number;
  /** Trust settings for HTTPS (see tls-pinning.ts). */
  tls?: TlsOptions;
  /** The portal's kept-alive connections; without, the exchange opens a connection of its own. */
  connections?: ConnectionPool;
  /**
   * Hash the answer as it comes (WireFacts.digest), for a caller that asks for the same thing poll after
   * poll. `known`: the digest of an answer it has already read: the same bytes again are not inflated (a
   * steady poll's task lists are the same answer each time, ~100 KB inflated each).
   */
  digest?: { known: string | null };
}

export interface TransportResponse {
  status: number;
  statusText: string;
  contentType: string;
  /** '' when the answer is `unchanged`. */
  body: string;
  wire: WireFacts;
}

/** What the answer was on the wire. */
export interface WireFacts {
  /** Of its status, type, encoding and bytes as they came (compressed, if they were); null unless the request asked. */
  digest: string | null;
  /** It had the request's known digest, so its body was neither inflated nor read. */
  unchanged: boolean;
}

/** A TLS handshake or certificate failure: tls-pinning.ts turns it into advice. */
export class TlsFailure extends PortalRequestError {
  constructor(
    url: string,
    readonly tlsCode: string,
    detail: string,
  ) {
    super('unreachable', url, `${url} could not be reached securely: ${detail}.`);
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Throws unless the URL is https, or http to this computer. */
export function assertSecureUrl(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new PortalRequestError(
    'bad-response',
    displayUrl(url),
    `${displayUrl(url)} is not an https:// address; Taskwatch only talks to portals over HTTPS (plain http only to localhost).`,
  );
}

function isTlsError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_OSSL)/.test(code) || error.message.includes('SSL');
}

/** A kept-alive connection the server closed while it was idle: the request failed before any answer. */
function isStaleConnection(request: http.ClientRequest, error: NodeJS.ErrnoException): boolean {
  return request.reusedSocket && error.code === 'ECONNRESET';
}

/**
 * Decompressed output per chunk for a large or unknown-length answer. zlib's default (16 KB) costs a
 * thread-pool round trip per 16 KB: a 40 MB runs answer took 355 ms to inflate that way, 29 ms with
 * 256 KB chunks. (Small answers are inflated whole: see WholeInflate.)
 */
const LARGE_CHUNK_BYTES = 256 * 1024;
/** Compressed answers up to this size (by Content-Length) are small. */
const SMALL_ANSWER_BYTES = 64 * 1024;

function decoded(response: IncomingMessage, isKnown: () => boolean): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'deflate') return response;
  const length = Number(response.headers['content-length'] ?? NaN);
  if (length <= SMALL_ANSWER_BYTES) return response.pipe(new WholeInflate(encoding, isKnown));
  const options = { chunkSize: LARGE_CHUNK_BYTES };
  return response.pipe(encoding === 'gzip' ? createGunzip(options) : createInflate(options));
}

/**
 * A small answer, inflated in one go once it is all in. A zlib stream per answer (its context, its
 * buffers, a thread-pool round trip per chunk) took 7 s of a fleet's first poll (60,000 answers of a
 * few hundred bytes each); inflating such an answer takes microseconds. Its output is at most about
 * 1,000 times its input (deflate's limit), so 64 MB at worst, and the reader's own bound still applies.
 */
class WholeInflate extends Transform {
  readonly #chunks: Buffer[] = [];

  constructor(
    private readonly encoding: 'gzip' | 'deflate',
    /** Asked once it is all in: an answer already read is not inflated again. */
    private readonly isKnown: () => boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.isKnown()) return done();
    try {
      const whole = Buffer.concat(this.#chunks);
      done(null, this.encoding === 'gzip' ? gunzipSync(whole) : inflateSync(whole));
    } catch (error) {
      done(error as Error);
    }
  }
}

/** What arrives before the body. */
export interface ResponseHead {
  status: number;
  statusText: string;
  contentType: string;
}

/**
 * Reads one answer's body as it arrives: told the head, then each decoded chunk, then the end. Throwing
 * (a PortalRequestError) from any of them ends the exchange at once, download included.
 */
export interface BodyReader<T> {
  start(head: ResponseHead): void;
  write(chunk: Buffer): void;
  end(wire: WireFacts): T;
}

/** Keeps the whole body, up to `maxBytes`, as text. */
function bufferedBody(url: string, maxBytes: number): BodyReader<TransportResponse> {
  const chunks: Buffer[] = [];
  let size = 0;
  let head: ResponseHead = { status: 0, statusText: '', contentType: '' };
  return {
    start: (received) => void (head = received),
    write: (chunk) => {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(url, maxBytes);
      chunks.push(chunk);
    },
    end: (wire) => ({ ...head, body: wire.unchanged ? '' : Buffer.concat(chunks).toString('utf8'), wire }),
  };
}

/** One exchange whose answer is read whole, as text (at most `maxBytes`). */
export function sendRequest(request: TransportRequest): Promise<TransportResponse> {
  const shown = displayUrl(request.url);
  return streamRequest(request, bufferedBody(shown, request.maxBytes ?? DEFAULT_MAX_BYTES));
}

/**
 * One exchange whose answer `reader` reads as it arrives, so that a large answer is never held whole.
 * The timeout covers the whole exchange, reading included.
 */
export function streamRequest<T>(request: TransportRequest, reader: BodyReader<T>): Promise<T> {
  return exchange(request, reader, true);
}

/** `mayResend`: whether a request lost on a kept connection the portal had closed is sent once more. */
function exchange<T>(request: TransportRequest, reader: BodyReader<T>, mayResend: boolean): Promise<T> {
  const target = new URL(request.url);
  assertSecureUrl(target);
  const shown = displayUrl(target);
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = request.form ? new URLSearchParams(request.form).toString() : undefined;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Encoding': 'gzip, deflate',
    'User-Agent': 'Taskwatch',
    ...request.headers,
  };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }

  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (error: Error | null, result?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        outgoing.destroy();
        reject(error);
      } else resolve(result!);
    };
    /** Runs a step of the reader; what it throws ends the exchange. */
    const guarded = (step: () => void) => {
      if (settled) return;
      try {
        step();
      } catch (error) {
        finish(error as Error);
      }
    };
    const { agent, tlsOnAgent } = request.connections
      ? request.connections.agentFor(target, request.tls)
      : { agent: singleUseAgent(target), tlsOnAgent: false };
    const options = { method: request.method, headers, agent };
    const outgoing =
      target.protocol === 'https:'
        ? https.request(target, { ...options, ...(tlsOnAgent ? {} : request.tls), rejectUnauthorized: true })
        : http.request(target, options);
    const timer = setTimeout(() => finish(timeoutError(shown, timeoutMs)), timeoutMs);

    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      if (mayResend && !settled && !answered && isStaleConnection(outgoing, error)) {
        // The portal closed the kept connection as the request went out (it had been idle): send it once
        // more, as browsers do. Every request Taskwatch sends may be repeated (reads, token, enable/disable).
        settled = true;
        clearTimeout(timer);
        resolve(exchange(request, reader, false));
      } else if (error instanceof PortalRequestError) finish(error);
      else if (isTlsError(error)) finish(new TlsFailure(shown, error.code ?? 'TLS', error.message));
      else finish(networkError(shown, error));
    });
    outgoing.once('response', (response) => {
      answered = true;
      guarded(() =>
        reader.start({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          contentType: String(response.headers['content-type'] ?? ''),
        }),
      );
      // Hashed as it comes, before it is inflated: by the answer's end the digest is known.
      const hash = request.digest ? createHash('sha1').update(`${response.statusCode} ${response.headers['content-type']} ${response.headers['content-encoding']}\n`) : null;
      if (hash) response.on('data', (chunk: Buffer) => hash.update(chunk));
      let digest: string | null | undefined;
      const digestOf = () => (digest ??= hash?.digest('base64') ?? null);
      const isKnown = () => request.digest?.known != null && digestOf() === request.digest.known;
      const stream = decoded(response, isKnown);
      stream.on('data', (chunk: Buffer) => guarded(() => reader.write(chunk)));
      stream.once('error', (error: NodeJS.ErrnoException) => finish(networkError(shown, error)));
      response.once('aborted', () => finish(networkError(shown, Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))));
      stream.once('end', () => guarded(() => finish(null, reader.end({ digest: digestOf(), unchanged: isKnown() }))));
    });
    outgoing.end(body);
  });
}
