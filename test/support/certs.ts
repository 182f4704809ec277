/**
 * Self-signed certificates for HTTPS tests on 127.0.0.1. Generating an RSA key takes a moment, so each
 * distinct request is made once per test file and shared.
 */
import { createSelfSignedCertificate, type SimCertificate } from '../../src-main/sim/certificate';

export type TestCertificate = SimCertificate;

const cache = new Map<string, Promise<TestCertificate>>();

/** A self-signed certificate; by default for localhost, 127.0.0.1 and ::1. */
export function selfSignedCertificate(commonName = 'localhost', hosts = ['localhost', '127.0.0.1', '::1']): Promise<TestCertificate> {
  const key = `${commonName}|${hosts.join(',')}`;
  let certificate = cache.get(key);
  if (!certificate) {
    certificate = createSelfSignedCertificate(commonName, hosts);
    cache.set(key, certificate);
  }
  return certificate;
}
