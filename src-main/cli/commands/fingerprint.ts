import { fetchCertificateFingerprint } from '../../core/portal';
import type { Cli } from '../runtime';
import { UsageError } from '../usage-error';

/** Shows the certificate a portal presents, so an admin can compare it with the server's and pin it. */
export async function fingerprint(cli: Cli, url: string | undefined): Promise<number> {
  if (!url) throw new UsageError('fingerprint needs the portal URL');
  const info = await fetchCertificateFingerprint(url);
  cli.out(`SHA-256 fingerprint: ${info.fingerprint}`);
  cli.out(`Subject: ${info.subject}\nIssuer: ${info.issuer}\nValid until: ${info.validTo}${info.selfSigned ? '\nSelf-signed: yes' : ''}`);
  cli.out('Compare it with the certificate on the server before you pin it with --fingerprint.');
  return 0;
}
