import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  /** A URL on this server; each path is its own hook, e.g. url('/teams'). */
  url(path: string): string;
  /** Bodies accepted (answered 2xx), by path. */
  received(path: string): unknown[];
  /** Requests seen, answered or not, by path. */
  attempts(path: string): number;
  /** How a path answers from now on: a status code, or 'hang' (never answers). */
  answer(path: string, how: number | 'hang'): void;
  close(): Promise<void>;
}

/** A real HTTP server receiving webhook POSTs as Teams, Slack or any JSON receiver would. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies = new Map<string, unknown[]>();
  const attempts = new Map<string, number>();
  const answers = new Map<string, number | 'hang'>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      attempts.set(path, (attempts.get(path) ?? 0) + 1);
      const how = answers.get(path) ?? 200;
      if (how === 'hang') return void hanging.add(response);
      if (how < 300) bodies.set(path, [...(bodies.get(path) ?? []), JSON.parse(Buffer.concat(chunks).toString('utf8'))]);
      response.writeHead(how).end(how < 300 ? '1' : 'failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path) => `${base}${path}`,
    received: (path) => bodies.get(path) ?? [],
    attempts: (path) => attempts.get(path) ?? 0,
    answer: (path, how) => void answers.set(path, how),
    close: () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
