/**
 * The bridge's server-sent event feed: every connected page gets each contract event as
 * `event: <name>` / `data: <json>`. A comment line every few seconds keeps idle connections open.
 */
import type { ServerResponse } from 'node:http';
import { encodeEvent, type EventName, type EventPayload } from '../contract/api';

const KEEPALIVE_MS = 15_000;

export class EventFeed {
  readonly #clients = new Set<ServerResponse>();
  readonly #keepalive: NodeJS.Timeout;

  constructor() {
    this.#keepalive = setInterval(() => this.#write(': keepalive\n\n'), KEEPALIVE_MS);
    this.#keepalive.unref();
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  attach(response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
  }

  send<E extends EventName>(event: E, payload: EventPayload<E>) {
    const wire = encodeEvent(event, payload);
    if (wire !== undefined) this.#write(`event: ${event}\ndata: ${JSON.stringify(wire)}\n\n`);
  }

  close() {
    clearInterval(this.#keepalive);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #write(chunk: string) {
    for (const client of this.#clients) client.write(chunk);
  }
}
