import type { PortalInput, PortalTest, PortalUpdate } from '../../contract/api';
import { TaskwatchError } from '../errors';
import type { PortalApi } from '../monitor/portal-api';
import { PortalRequestError, defaultAdminUrl, normalizePortalUrl } from '../portal';
import type { SecretStore } from '../ports';
import type { ConfigFile, PortalConfig } from '../store/config';

/** Builds a client for a portal; `password` given means "try these credentials", else the keychain's. */
export type ClientFactory = (portal: PortalConfig, password?: string) => PortalApi;

type PortalFields = Omit<PortalInput, 'password'>;

/**
 * The configured portals and their keychain entries, kept in step: a portal is saved only after its
 * credentials produced a token, its password goes only to the keychain, and removing it deletes both.
 */
export class PortalDirectory {
  constructor(
    private readonly config: ConfigFile,
    private readonly secrets: SecretStore,
    private readonly saveConfig: () => Promise<void>,
    private readonly clientFor: ClientFactory,
  ) {}

  get portals(): PortalConfig[] {
    return this.config.portals;
  }

  find(id: string): PortalConfig {
    const portal = this.config.portals.find((candidate) => candidate.id === id);
    if (!portal) throw new TaskwatchError('not-found', `No portal ${id} is configured in Taskwatch.`);
    return portal;
  }

  async add(input: PortalInput): Promise<PortalConfig> {
    const portal = portalFrom(input, null);
    if (this.config.portals.some((existing) => existing.id === portal.id)) {
      throw new TaskwatchError('invalid-input', `${portal.url} is already in Taskwatch; edit it instead.`);
    }
    await this.#proveCredentials(portal, input.password);
    await this.secrets.set(portal.id, input.password);
    this.config.portals.push(portal);
    await this.saveConfig();
    return portal;
  }

  async update({ id, changes }: PortalUpdate): Promise<PortalConfig> {
    const current = this.find(id);
    const updated = portalFrom({ ...fieldsOf(current), ...definedOnly(changes) }, current);
    const reachChanged = ['url', 'adminUrl', 'username', 'fingerprint'].some(
      (key) => updated[key as keyof PortalConfig] !== current[key as keyof PortalConfig],
    );
    if (changes.password !== undefined || reachChanged) await this.#proveCredentials(updated, changes.password);
    if (changes.password !== undefined) await this.secrets.set(id, changes.password);
    this.config.portals[this.config.portals.indexOf(current)] = updated;
    await this.saveConfig();
    return updated;
  }

  /** Tries credentials without saving anything. */
  async test(input: PortalTest): Promise<{ taskCount: number }> {
    if ('id' in input) {
      const current = this.find(input.id);
      const portal = portalFrom({ ...fieldsOf(current), ...definedOnly(input.changes) }, current);
      return this.clientFor(portal, input.changes.password).testConnection();
    }
    return this.clientFor(portalFrom(input, null), input.password).testConnection();
  }

  async remove(id: string): Promise<void> {
    const portal = this.find(id);
    this.config.portals.splice(this.config.portals.indexOf(portal), 1);
    await this.saveConfig();
    await this.secrets.delete(id);
  }

  async #proveCredentials(portal: PortalConfig, password: string | undefined): Promise<void> {
    try {
      await this.clientFor(portal, password).testConnection();
    } catch (error) {
      if (error instanceof PortalRequestError) {
        throw new TaskwatchError('portal-error', `Taskwatch could not sign in to ${portal.url}: ${error.message}`);
      }
      throw error;
    }
  }
}

function portalFrom(fields: PortalFields, existing: PortalConfig | null): PortalConfig {
  const url = normalizePortalUrl(fields.url);
  return {
    // The id (also the keychain account) stays put when an admin edits the URL of a portal.
    id: existing?.id ?? url,
    url,
    label: fields.label ?? '',
    adminUrl: fields.adminUrl ? normalizePortalUrl(fields.adminUrl) : defaultAdminUrl(url),
    username: fields.username,
    timeZone: fields.timeZone ?? null,
    fingerprint: fields.fingerprint ?? null,
    pollIntervalSeconds: fields.pollIntervalSeconds ?? null,
    tasks: existing?.tasks ?? {},
  };
}

function fieldsOf(portal: PortalConfig): PortalFields {
  const customAdmin = portal.adminUrl !== defaultAdminUrl(portal.url);
  return {
    url: portal.url,
    username: portal.username,
    adminUrl: customAdmin ? portal.adminUrl : null,
    fingerprint: portal.fingerprint,
    timeZone: portal.timeZone,
    pollIntervalSeconds: portal.pollIntervalSeconds,
    label: portal.label,
  };
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== undefined && key !== 'password')) as Partial<T>;
}
