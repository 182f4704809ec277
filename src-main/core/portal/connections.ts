/**
 * One portal client's connections, kept alive between requests and between polls (an HTTPS connection
 * kept is a TLS handshake saved, and the agent resumes TLS sessions when one must be opened again). At
 * most `limit` connections to the portal at once: requests beyond that wait for a free one. Direct, or
 * through the proxy HTTPS_PROXY / NO_PROXY name at the time of each request (one pool per proxy). The
 * portal's TLS options (pinned CA, identity check) go on each request, never on an agent: a proxy agent
 * hands them to the TLS session inside its tunnel, while its own options would apply to the proxy.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyUrlFor } from './proxy';

/** Requests in flight at once to one portal: polite to the portal, and enough to read many tasks' runs in parallel. */
export const DEFAULT_CONNECTIONS_PER_PORTAL = 4;

export class ConnectionPool {
  readonly #limit: number;
  readonly #agents = new Map<string, http.Agent>();
  #keeping: boolean;

  /** `keep` false: a pool for a client used once, whose every request has a connection of its own. */
  constructor(limit = DEFAULT_CONNECTIONS_PER_PORTAL, keep = true) {
    this.#limit = limit;
    this.#keeping = keep;
  }

  agentFor(target: URL): http.Agent | false {
    if (!this.#keeping) return singleUseAgent(target);
    const proxy = proxyUrlFor(target);
    const key = `${target.protocol} ${proxy ?? 'direct'}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: this.#limit };
      agent = proxy ? new HttpsProxyAgent(proxy, options) : target.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  /** Hangs up the idle connections now and each busy one once its answer is read; later requests get a connection each. */
  close(): void {
    this.#keeping = false;
    for (const agent of this.#agents.values()) {
      agent.on('free', (socket: Socket) => socket.destroy());
      for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
    }
    this.#agents.clear();
  }
}

/** For an exchange outside any pool: a connection of its own (through the proxy, if one applies), closed after. */
export function singleUseAgent(target: URL): HttpsProxyAgent<string> | false {
  const proxy = proxyUrlFor(target);
  return proxy ? new HttpsProxyAgent(proxy) : false;
}
