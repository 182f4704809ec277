import { PortalClient, PortalRequestError } from '../portal';
import type { Clock, Logger, SecretStore } from '../ports';
import type { PortalConfig } from '../store/config';

interface ClientDeps {
  clock: Clock;
  logger: Logger;
  timeoutMs: number | undefined;
  /** Connections to one portal at once. */
  connectionsPerPortal: number;
  /** The zone the portal's zone-less dates are read in (configured, learnt, or assumed). */
  zoneOf: (portal: PortalConfig) => string;
}

/**
 * One client per portal, kept while its connection settings stay the same, so its token and its
 * connections are reused across polls; a client replaced or dropped hangs up its connections. The
 * password is fetched from the keychain only when a token must be generated.
 */
export class PortalClients {
  readonly #clients = new Map<string, { fingerprint: string; client: PortalClient }>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly deps: ClientDeps,
  ) {}

  /** The portal's client; with `password`, a throw-away client that tries those credentials instead. */
  for(portal: PortalConfig, password?: string): PortalClient {
    if (password !== undefined) return this.#create(portal, async () => password, false);
    const fingerprint = JSON.stringify([portal.url, portal.adminUrl, portal.username, this.deps.zoneOf(portal), portal.fingerprint]);
    const cached = this.#clients.get(portal.id);
    if (cached?.fingerprint === fingerprint) return cached.client;
    cached?.client.close();
    const client = this.#create(portal, () => this.#storedPassword(portal));
    this.#clients.set(portal.id, { fingerprint, client });
    return client;
  }

  /** Drops the clients of portals no longer configured. */
  keepOnly(portalIds: Set<string>): void {
    for (const [portalId, { client }] of this.#clients) {
      if (portalIds.has(portalId)) continue;
      client.close();
      this.#clients.delete(portalId);
    }
  }

  /** Hangs up every client's connections (at stop, so that nothing keeps the process alive). */
  close(): void {
    for (const { client } of this.#clients.values()) client.close();
    this.#clients.clear();
  }

  /** Requests made by all cached clients so far (benchmark and strategy tests). */
  get requestCount(): number {
    return [...this.#clients.values()].reduce((sum, { client }) => sum + client.requestCount, 0);
  }

  #create(portal: PortalConfig, getPassword: () => Promise<string>, keepConnections = true): PortalClient {
    const connection = {
      baseUrl: portal.url,
      adminUrl: portal.adminUrl,
      username: portal.username,
      timeZone: this.deps.zoneOf(portal),
      fingerprint: portal.fingerprint,
    };
    const { clock, logger, timeoutMs, connectionsPerPortal } = this.deps;
    return new PortalClient(connection, { getPassword, clock, logger, maxConnections: connectionsPerPortal, keepConnections, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  async #storedPassword(portal: PortalConfig): Promise<string> {
    const password = await this.secrets.get(portal.id);
    if (password === null) {
      throw new PortalRequestError(
        'no-password',
        portal.url,
        this.secrets.missingPassword?.(portal.url) ??
          `No password stored for ${portal.url} in the OS keychain: run \`taskwatch portal add ${portal.url} --username ${portal.username}\` again, or edit the portal in the window and enter it.`,
      );
    }
    return password;
  }
}
