/**
 * Self-signed certificates for a simulated portal served over HTTPS (tests, the benchmark). The client
 * pins the fingerprint, so verification stays on.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SimCertificate {
  key: string;
  cert: string;
  /** SHA-256, 64 upper-case hex digits: the form Taskwatch pins. */
  fingerprint: string;
}

/** A new self-signed certificate; by default for localhost, 127.0.0.1 and ::1. Takes a moment (an RSA key). */
export async function createSelfSignedCertificate(commonName = 'localhost', hosts = ['localhost', '127.0.0.1', '::1']): Promise<SimCertificate> {
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
