import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenMatches } from '../bridge/token';

export interface EndpointOptions {
  host: string;
  port: number;
  /** The Prometheus exposition text and its content type. */
  metrics: () => Promise<{ text: string; contentType: string }>;
  /** Null when ready; else why not, in a sentence. */
  notReadyBecause: () => string | null;
  /** When set, `/metrics` answers only a request that presents it as `Authorization: Bearer <token>`. */
  token: string | null;
}

export interface Endpoint {
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/**
 * `/metrics` for Prometheus, `/healthz` (the process answers) and `/readyz` (every portal has been polled
 * since start) for supervisors and load balancers. Only `/metrics` tells anything about the portals, so
 * only it asks for the token.
 */
export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const server = createServer((request, response) => {
    answer(request, response, options).catch(() => send(response, 500, 'internal error\n'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { url: `http://${host}:${port}`, close: () => closeServer(server) };
}

async function answer(request: IncomingMessage, response: ServerResponse, options: EndpointOptions): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://endpoint').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'only GET\n', { Allow: 'GET, HEAD' });
  switch (path) {
    case '/healthz':
      return send(response, 200, 'ok\n');
    case '/readyz': {
      const reason = options.notReadyBecause();
      return reason === null ? send(response, 200, 'ready\n') : send(response, 503, `${reason}\n`);
    }
    case '/metrics': {
      if (options.token !== null && !tokenMatches(bearerOf(request), options.token)) {
        return send(response, 401, 'a bearer token is required\n', { 'WWW-Authenticate': 'Bearer realm="taskwatch"' });
      }
      const { text, contentType } = await options.metrics();
      return send(response, 200, text, { 'Content-Type': contentType });
    }
    default:
      return send(response, 404, 'not found: try /metrics, /healthz or /readyz\n');
  }
}

function bearerOf(request: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** Prometheus keeps its connection open between scrapes: close idle ones at once, so a stop is not held up. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
