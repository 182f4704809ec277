import type { PortalView } from '../../contract/models';
import { normalizePortalUrl } from '../../core/portal';
import { EXIT } from '../exit-codes';
import { printList } from '../list-output';
import type { Cli, OpenedService } from '../runtime';
import { withService } from '../runtime';
import { readPassword } from '../read-password';
import { UsageError } from '../usage-error';

export interface PortalAddOptions {
  username?: string;
  adminUrl?: string;
  fingerprint?: string;
  timeZone?: string;
  label?: string;
  pollInterval?: string;
}

/**
 * `portal add`: proves the credentials by generating a token, then saves the portal and its password. For a
 * portal already configured it stores the new password and options instead (e.g. when the keychain lost it).
 */
export async function portalAdd(cli: Cli, url: string | undefined, options: PortalAddOptions): Promise<number> {
  if (!url) throw new UsageError('portal add needs the portal URL, e.g. taskwatch portal add https://gis.example.com/portal --username admin');
  const { username } = options;
  if (!username) throw new UsageError('portal add needs --username <name>');
  const password = await readPassword(`Password for ${username} at ${url}: `);
  return withService(cli, { changesConfig: true }, async (opened) => {
    const fields = {
      username,
      password,
      ...(options.adminUrl ? { adminUrl: options.adminUrl } : {}),
      ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.label ? { label: options.label } : {}),
      ...(options.pollInterval ? { pollIntervalSeconds: Number(options.pollInterval) } : {}),
    };
    const known = configuredPortal(opened.service.snapshot().portals, url);
    const portal = known ? await opened.call('updatePortal', { id: known.id, changes: fields }) : await opened.call('addPortal', { url, ...fields });
    cli.out(`${known ? 'Updated' : 'Added'} ${portal.url} (admin API ${portal.adminUrl}); the password is in the OS keychain.`);
    return EXIT.ok;
  });
}

export async function portalList(cli: Cli, json: boolean): Promise<number> {
  return withService(cli, { readOnly: true }, async (opened) => {
    printList(
      cli,
      json,
      opened.service.snapshot().portals,
      'No portals yet. Add one: taskwatch portal add <url> --username <name>',
      (portal) => `${portal.url}  user ${portal.username}  admin ${portal.adminUrl}  zone ${portal.timeZone ?? 'learnt from the portal'}${portal.fingerprint ? '  pinned certificate' : ''}`,
      ({ url, adminUrl, username, timeZone, fingerprint, pollIntervalSeconds }) => ({ url, adminUrl, username, timeZone, fingerprint, pollIntervalSeconds }),
    );
    // The list may look complete while the admin's real config sits aside: not a clean answer.
    return opened.invalidConfigs.length > 0 ? EXIT.usage : EXIT.ok;
  });
}

export async function portalRemove(cli: Cli, url: string | undefined): Promise<number> {
  if (!url) throw new UsageError('portal remove needs the portal URL as shown by taskwatch portal list');
  // Ask the keychain first: a portal must not leave the config while its password stays behind.
  return withService(cli, { changesConfig: true, needsKeychain: true }, async (opened) => {
    const portal = configuredPortal(opened.service.snapshot().portals, url);
    if (!portal) throw new UsageError(`${url} is not configured; see taskwatch portal list.`);
    await opened.call('removePortal', { id: portal.id });
    cli.out(`Removed ${portal.url} and its keychain entry.`);
    return EXIT.ok;
  });
}

/** The configured portal `url` names (any spelling of its base URL), if any. */
function configuredPortal(portals: PortalView[], url: string): PortalView | undefined {
  const wanted = normalizePortalUrl(url);
  return portals.find((candidate) => candidate.id === wanted || candidate.url === wanted);
}

/** The id of the configured portal `url` names, or a usage error naming the list to look at. */
export function portalIdOf(opened: OpenedService, url: string): string {
  const portal = configuredPortal(opened.service.snapshot().portals, url);
  if (!portal) throw new UsageError(`${url} is not configured; see taskwatch portal list.`);
  return portal.id;
}
