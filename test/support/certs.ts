/**
 * Self-signed certificates for HTTPS tests on 127.0.0.1. Generating an RSA key takes a moment, so each
 * distinct request is made once per test file and shared.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TestCertificate {
  key: string;
  cert: string;
  /** SHA-256, 64 upper-case hex digits: the form Taskwatch pins. */
  fingerprint: string;
}

const cache = new Map<string, Promise<TestCertificate>>();

/** A self-signed certificate; by default for localhost, 127.0.0.1 and ::1. */
export function selfSignedCertificate(commonName = 'localhost', hosts = ['localhost', '127.0.0.1', '::1']): Promise<TestCertificate> {
  const key = `${commonName}|${hosts.join(',')}`;
  let certificate = cache.get(key);
  if (!certificate) {
    certificate = create(commonName, hosts);
    cache.set(key, certificate);
  }
  return certificate;
}

async function create(commonName: string, hosts: string[]): Promise<TestCertificate> {
  const altNames = hosts.map((host) => (/^[\d.]+$|:/.test(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }));
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  const fingerprint = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '').toUpperCase();
  return { key: pems.private, cert: pems.cert, fingerprint };
}
