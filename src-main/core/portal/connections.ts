/**
 * One portal client's connections, kept alive between requests and between polls (an HTTPS connection
 * kept is a TLS handshake saved, and the agent resumes TLS sessions when one must be opened again). At
 * most `limit` connections to the portal at once: requests beyond that wait for a free one. Direct, or
 * through the proxy HTTPS_PROXY / NO_PROXY name at the time of each request (one pool per proxy). The
 * portal's TLS options (pinned chain, identity check) go on the agent, never on each request: Node 22 reuses
 * no kept connection for a request that brings its own identity check. A proxy agent's own options apply
 * to the proxy, so the portal's are handed to the TLS session inside its tunnel (PortalProxyAgent).
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ClientRequest } from 'node:http';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import { proxyUrlFor } from './proxy';

/** Requests in flight at once to one portal: polite to the portal, and enough to read many tasks' runs in parallel. */
export const DEFAULT_CONNECTIONS_PER_PORTAL = 4;

/** What a portal's connections trust (see tls-pinning.ts): its pinned chain as one secure context, and the pin check. */
export type TlsOptions = Pick<ConnectionOptions, 'secureContext' | 'checkServerIdentity'>;

/** Which agent a request goes through, and whether its TLS options are on that agent already. */
export interface AgentChoice {
  agent: http.Agent | false;
  tlsOnAgent: boolean;
}

/** A number per TLS options object: the trust hands out one object per portal origin. */
const tlsIds = new WeakMap<TlsOptions, number>();
let lastTlsId = 0;
const tlsId = (tls: TlsOptions) => {
  if (!tlsIds.has(tls)) tlsIds.set(tls, ++lastTlsId);
  return tlsIds.get(tls)!;
};

export class ConnectionPool {
  readonly #limit: number;
  readonly #agents = new Map<string, http.Agent>();
  #keeping: boolean;

  /** `keep` false: a pool for a client used once, whose every request has a connection of its own. */
  constructor(limit = DEFAULT_CONNECTIONS_PER_PORTAL, keep = true) {
    this.#limit = limit;
    this.#keeping = keep;
  }

  agentFor(target: URL, tls?: TlsOptions): AgentChoice {
    if (!this.#keeping) return { agent: singleUseAgent(target), tlsOnAgent: false };
    const proxy = proxyUrlFor(target);
    const secure = target.protocol === 'https:';
    const key = `${target.protocol} ${proxy ?? 'direct'}${secure && tls ? ` tls ${tlsId(tls)}` : ''}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: this.#limit };
      if (proxy) agent = new PortalProxyAgent(proxy, options, secure ? tls : undefined);
      else agent = secure ? new https.Agent({ ...options, ...tls }) : new http.Agent(options);
      this.#agents.set(key, agent);
    }
    return { agent, tlsOnAgent: secure };
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

type AgentConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1];

/** A proxy tunnel to one portal, its TLS session inside the tunnel checked with the portal's own options. */
class PortalProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    options: HttpsProxyAgentOptions<string>,
    private readonly portalTls: TlsOptions | undefined,
  ) {
    super(proxy, options);
  }

  override connect(request: ClientRequest, options: AgentConnectOpts) {
    return super.connect(request, { ...options, ...this.portalTls } as AgentConnectOpts);
  }
}

/** For an exchange outside any pool: a connection of its own (through the proxy, if one applies), closed after. */
export function singleUseAgent(target: URL): HttpsProxyAgent<string> | false {
  const proxy = proxyUrlFor(target);
  return proxy ? new HttpsProxyAgent(proxy) : false;
}
