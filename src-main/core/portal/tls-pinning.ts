/**
 * Certificate trust for portals. Verification is always on. Many portals use a self-signed or internal
 * certificate, so an admin may pin its SHA-256 fingerprint: Taskwatch then looks at the certificate once
 * (a probe that sends no data), checks it against the pin, and trusts exactly that certificate for the
 * real requests, which still verify the chain and require the fingerprint to match.
 */
import { isIP, type Socket } from 'node:net';
import tls, { type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { TaskwatchError } from '../errors';
import { PortalRequestError, displayUrl, networkError, timeoutError } from './errors';
import {
  DEFAULT_TIMEOUT_MS,
  TlsFailure,
  sendRequest,
  streamRequest,
  type BodyReader,
  type TransportRequest,
  type TransportResponse,
} from './http';
import { openTunnel, proxyUrlFor } from './proxy';

export interface CertificateInfo {
  /** SHA-256 of the certificate, 64 upper-case hex digits: what to pin. */
  fingerprint: string;
  subject: string;
  issuer: string;
  /** As the certificate says it, e.g. `Jun  1 12:00:00 2026 GMT`. */
  validTo: string;
  selfSigned: boolean;
}

/** `AB:CD:...`, `ab cd ...` or plain hex -> 64 upper-case hex digits; null when it is not a SHA-256. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : null;
}

function describeName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

function toPem(der: Buffer): string {
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

interface Probe {
  info: CertificateInfo;
  /** The chain the server presented, leaf first, as PEM. */
  chain: string[];
}

function chainOf(leaf: DetailedPeerCertificate): string[] {
  const pems: string[] = [];
  const seen = new Set<string>();
  for (let cert: DetailedPeerCertificate | undefined = leaf; cert?.raw && !seen.has(cert.fingerprint256); cert = cert.issuerCertificate) {
    seen.add(cert.fingerprint256);
    pems.push(toPem(cert.raw));
  }
  return pems;
}

/** Looks at the server's certificate without trusting it; sends no request, so nothing can leak. */
async function probe(url: URL, timeoutMs: number): Promise<Probe> {
  const shown = displayUrl(url);
  if (url.protocol !== 'https:') throw new PortalRequestError('bad-response', shown, `${shown} is not an https:// address.`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const proxy = proxyUrlFor(url);
  let timer: NodeJS.Timeout | undefined;
  let socket: Socket | undefined;
  const attempt = (async () => {
    const tunnel = proxy ? await openTunnel(proxy, host, port, timeoutMs) : undefined;
    return new Promise<Probe>((resolve, reject) => {
      const servername = isIP(host) ? undefined : host;
      // The probe only reads the certificate and then hangs up: no request, no token, no data.
      const connection = tls.connect({ host, port, socket: tunnel, servername, rejectUnauthorized: false });
      socket = connection;
      connection.once('secureConnect', () => {
        const cert = connection.getPeerCertificate(true);
        connection.destroy();
        if (!cert?.raw) return reject(Object.assign(new Error('no certificate presented'), { code: 'ERR_TLS_NO_CERT' }));
        const fingerprint = normalizeFingerprint(cert.fingerprint256) ?? '';
        const selfSigned = !cert.issuerCertificate || cert.issuerCertificate.fingerprint256 === cert.fingerprint256;
        resolve({
          info: { fingerprint, subject: describeName(cert.subject), issuer: describeName(cert.issuer), validTo: cert.valid_to, selfSigned },
          chain: chainOf(cert),
        });
      });
      connection.once('error', reject);
    });
  })();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(shown, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([attempt, deadline]);
  } catch (error) {
    socket?.destroy();
    if (error instanceof PortalRequestError) throw error;
    throw networkError(shown, error as NodeJS.ErrnoException);
  } finally {
    clearTimeout(timer);
  }
}

/** What the server at `url` presents, so that an admin can decide whether to pin it. */
export async function fetchCertificateFingerprint(url: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CertificateInfo> {
  return (await probe(new URL(url), timeoutMs)).info;
}

function mismatchError(url: string, actual: string, pin: string): PortalRequestError {
  return new PortalRequestError(
    'unreachable',
    url,
    `${url} presented a certificate with SHA-256 fingerprint ${actual}, which does not match the pinned ${pin}: ` +
      `the certificate was replaced or the connection is intercepted. If the portal's certificate was renewed, pin the new one with --fingerprint ${actual}.`,
  );
}

const CERTIFICATE_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'signed by a CA this computer does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'signed by a CA this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'signed by a CA this computer does not know',
  ERR_TLS_CERT_ALTNAME_INVALID: 'issued for another host name',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not valid yet',
};

function untrustedError(url: string, info: CertificateInfo, problem: string): PortalRequestError {
  return new PortalRequestError(
    'unreachable',
    url,
    `${url} presented a certificate that is not trusted (${problem}; ${info.subject || 'no subject'}). Its SHA-256 fingerprint is ${info.fingerprint}; ` +
      `if that is your portal's own certificate, pin it with --fingerprint ${info.fingerprint}.`,
  );
}

/** Sends requests with the portal's trust settings: the system CAs, or exactly the pinned certificate. */
export class CertificateTrust {
  readonly #pin: string | null;
  readonly #timeoutMs: number;
  /** Per origin: the pinned chain, once a probe has shown that the server presents the pinned certificate. */
  readonly #trusted = new Map<string, Promise<string[]>>();
  /**
   * Per origin: the TLS options of its requests, one object for all of them. Node 22 keeps no connection for
   * reuse when each request brings its own identity check, so the options and their function are made once.
   * The pinned chain goes in as one secure context: given as `ca`, every connection would build its own
   * (OpenSSL context and certificate store: about 24 KB and 0.3 ms each), and the agent would name each
   * request by the whole PEM text.
   */
  readonly #options = new Map<string, Promise<NonNullable<TransportRequest['tls']>>>();

  constructor(fingerprint: string | null, timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.#pin = fingerprint ? normalizeFingerprint(fingerprint) : null;
    if (fingerprint && !this.#pin) {
      throw new TaskwatchError('invalid-input', 'A pinned certificate fingerprint must be a SHA-256: 64 hex digits (colons allowed).');
    }
    this.#timeoutMs = timeoutMs;
  }

  /** One exchange, its answer read whole. */
  send(request: TransportRequest): Promise<TransportResponse> {
    return this.#withTrust(request, sendRequest);
  }

  /** One exchange, its answer read by `reader` as it arrives. */
  stream<T>(request: TransportRequest, reader: BodyReader<T>): Promise<T> {
    return this.#withTrust(request, (trusted) => streamRequest(trusted, reader));
  }

  #pinnedOptions(url: URL, pin: string): Promise<NonNullable<TransportRequest['tls']>> {
    let options = this.#options.get(url.origin);
    if (!options) {
      const shown = displayUrl(url.origin);
      const checkServerIdentity = (_host: string, cert: PeerCertificate) => {
        const actual = normalizeFingerprint(cert.fingerprint256) ?? '';
        return actual === pin ? undefined : mismatchError(shown, actual, pin);
      };
      options = this.#pinnedChain(url, pin).then((ca) => ({ secureContext: tls.createSecureContext({ ca }), checkServerIdentity }));
      options.catch(() => this.#options.delete(url.origin));
      this.#options.set(url.origin, options);
    }
    return options;
  }

  async #withTrust<T>(request: TransportRequest, exchange: (request: TransportRequest) => Promise<T>): Promise<T> {
    const url = new URL(request.url);
    if (url.protocol !== 'https:') return exchange(request);
    const pin = this.#pin;
    try {
      if (!pin) return await exchange(request);
      return await exchange({ ...request, tls: await this.#pinnedOptions(url, pin) });
    } catch (error) {
      if (!(error instanceof TlsFailure)) throw error;
      throw await this.#explain(url, error, pin);
    }
  }

  #pinnedChain(url: URL, pin: string): Promise<string[]> {
    let chain = this.#trusted.get(url.host);
    if (!chain) {
      chain = probe(url, this.#timeoutMs).then(({ info, chain: pems }) => {
        if (info.fingerprint !== pin) throw mismatchError(displayUrl(url), info.fingerprint, pin);
        return pems;
      });
      chain.catch(() => this.#trusted.delete(url.host));
      this.#trusted.set(url.host, chain);
    }
    return chain;
  }

  /** Turns a handshake failure into advice naming the certificate actually presented. */
  async #explain(url: URL, failure: TlsFailure, pin: string | null): Promise<PortalRequestError> {
    this.#trusted.delete(url.host);
    const info = await probe(url, this.#timeoutMs).then(
      (result) => result.info,
      () => null,
    );
    if (!info) return failure;
    if (pin) return info.fingerprint === pin ? failure : mismatchError(displayUrl(url), info.fingerprint, pin);
    const problem = CERTIFICATE_PROBLEMS[failure.tlsCode];
    return problem ? untrustedError(displayUrl(url), info, problem) : failure;
  }
}
