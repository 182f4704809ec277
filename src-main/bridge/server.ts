/**
 * The Chromium harness: the built window served over HTTP on 127.0.0.1, speaking the same contract as
 * the Electron preload. Commands go through the same validate-and-dispatch as IPC (shell/dispatch.ts),
 * so a test through the bridge exercises the app's real command path. Never started by the packaged app.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCommandName, type CommandHandlers } from '../contract/api';
import type { Snapshot, TaskRef } from '../contract/models';
import { silentLogger, type Logger } from '../core/ports';
import { dispatchCommand } from '../core/dispatch';
import { EventFeed } from './event-feed';
import { openStaticSite } from './static-files';
import { BRIDGE_TOKEN_HEADER as TOKEN_HEADER } from '../contract/api';
import { createBridgeToken, tokenMatches } from './token';

const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

export interface BridgeOptions {
  handlers: CommandHandlers;
  onSnapshot: (listener: (snapshot: Snapshot) => void) => () => void;
  /** Optional: "show this task" pushes (what a notification click does in the app). */
  onNavigate?: (listener: (ref: TaskRef) => void) => () => void;
  /** The built renderer, normally out/renderer. */
  rendererDir: string;
  /** 0 or omitted: any free port. */
  port?: number;
  logger?: Logger;
}

export interface Bridge {
  /** `http://127.0.0.1:<port>/#bridge=<token>`: the fragment never reaches a server or a log. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const logger = options.logger ?? silentLogger;
  const site = await openStaticSite(options.rendererDir);
  const token = createBridgeToken();
  const feed = new EventFeed(logger);
  const unsubscribe = [
    options.onSnapshot((snapshot) => feed.send('snapshot', snapshot)),
    options.onNavigate?.((ref) => feed.send('navigate', ref)) ?? (() => {}),
  ];
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.log('error', 'Bridge request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) reply(response, 500, { error: 'internal' });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends another Host.
    if (request.headers.host !== new URL(origin).host) return reply(response, 421, { error: 'wrong host' });
    const url = new URL(request.url ?? '/', origin);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, { error: 'method not allowed' });
      return site.serve(url.pathname, response);
    }
    if (!tokenMatches(request.headers[TOKEN_HEADER], token)) return reply(response, 401, { error: 'missing or wrong bridge token' });
    if (url.search) return reply(response, 400, { error: 'no query parameters on the API' });

    const name = url.pathname.slice('/api/'.length);
    if (name === 'events' && request.method === 'GET') return feed.attach(response);
    if (request.method !== 'POST') return reply(response, 405, { error: 'method not allowed' });
    if (!isCommandName(name)) return reply(response, 404, { error: 'unknown command' });
    if (!request.headers['content-type']?.startsWith('application/json')) return reply(response, 415, { error: 'send JSON' });

    const body = await readJson(request);
    if (body === tooLarge) return reply(response, 413, { error: 'body too large' });
    if (body === malformed) return reply(response, 400, { error: 'body is not JSON' });
    reply(response, 200, await dispatchCommand(options.handlers, name, body, logger));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/#bridge=${token}`,
    origin,
    token,
    async close() {
      unsubscribe.forEach((stop) => stop());
      feed.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const tooLarge = Symbol('too large');
const malformed = Symbol('malformed');

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return tooLarge;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return malformed;
  }
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
