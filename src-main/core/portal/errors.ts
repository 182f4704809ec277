/**
 * Why a portal request failed, as one plain sentence an admin can act on. Every message names the URL
 * (never with a token in it) so that the admin knows which portal and which endpoint is meant.
 */
import { TaskwatchError } from '../errors';
import type { PortalErrorKind } from './types';

export class PortalRequestError extends TaskwatchError {
  readonly kind: PortalErrorKind;
  /** The `code` of the portal's `{"error":{...}}` answer, when there was one. */
  readonly portalCode?: number;
  /** The portal's own words (message and details), when it sent an error answer. */
  readonly portalMessage?: string;
  /** The request URL without query string: never carries a token. */
  readonly url: string;

  constructor(kind: PortalErrorKind, url: string, message: string, portal?: { code: number; message: string }) {
    super('portal-error', message);
    this.name = 'PortalRequestError';
    this.kind = kind;
    this.url = url;
    if (portal) {
      this.portalCode = portal.code;
      this.portalMessage = portal.message;
    }
  }
}

/** The URL as it may appear in a message or a log: no query, no fragment, no credentials. */
export function displayUrl(url: string | URL): string {
  try {
    const given = typeof url === 'string' ? new URL(url) : url;
    // Made for every request: put together, not a copy of the URL changed four times.
    if (given.protocol === 'https:' || given.protocol === 'http:') return `${given.protocol}//${given.host}${given.pathname}`;
    const parsed = new URL(given);
    parsed.search = '';
    parsed.hash = '';
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

export function timeoutError(url: string, timeoutMs: number): PortalRequestError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new PortalRequestError('unreachable', url, `${url} did not answer within ${seconds} s.`);
}

const NETWORK_WORDS: Record<string, string> = {
  ENOTFOUND: 'its host name could not be found (DNS): check the URL',
  EAI_AGAIN: 'its host name could not be looked up right now (DNS)',
  ECONNREFUSED: 'the connection was refused: nothing is listening there',
  ECONNRESET: 'the connection was closed before the portal answered',
  EHOSTUNREACH: 'the host cannot be reached from this computer',
  ENETUNREACH: 'the network is unreachable from this computer',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed while sending the request',
};

/** A socket-level failure (DNS, refused, reset...), in words. */
export function networkError(url: string, cause: NodeJS.ErrnoException): PortalRequestError {
  const words = (cause.code && NETWORK_WORDS[cause.code]) ?? `the connection failed (${cause.code ?? cause.message})`;
  return new PortalRequestError('unreachable', url, `Could not reach ${url}: ${words}.`);
}

export function htmlInsteadOfJson(url: string): PortalRequestError {
  return new PortalRequestError(
    'bad-response',
    url,
    `${url} answered with a web page instead of JSON: is the admin URL right, or is the portal behind a single sign-on page?`,
  );
}

export function invalidJson(url: string, detail: string): PortalRequestError {
  return new PortalRequestError('bad-response', url, `${url} answered with invalid JSON (${detail}).`);
}

export function wrongShape(url: string, problem: string): PortalRequestError {
  return new PortalRequestError('bad-response', url, `${url} answered JSON of an unexpected shape: ${problem}.`);
}

/** The answer, or `part` of it (e.g. `result[3]`), is over `maxBytes`. */
export function tooLarge(url: string, maxBytes: number, part?: string): PortalRequestError {
  const size = maxBytes >= 1_048_576 ? `${Math.round(maxBytes / 1_048_576)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  const what = part ? `${part} larger than ${size}` : `more than ${size}`;
  return new PortalRequestError('bad-response', url, `${url} answered ${what}; the answer was not read.`);
}

/** A list answer with more items (`items`: what they are, e.g. `runs`) than Taskwatch reads at once. */
export function tooManyItems(url: string, maxItems: number, items = 'items'): PortalRequestError {
  return new PortalRequestError('bad-response', url, `${url} answered more than ${maxItems.toLocaleString('en-US')} ${items}; the answer was not read.`);
}

export function httpStatusError(url: string, status: number, statusText: string): PortalRequestError {
  const kind: PortalErrorKind = status >= 500 ? 'api' : 'bad-response';
  return new PortalRequestError(kind, url, `${url} answered HTTP ${status} ${statusText}`.trimEnd() + '.');
}

/** The portal's own `{"error":{code,message,details}}`, with its words kept. */
export function portalApiError(url: string, code: number, message: string, details: string[]): PortalRequestError {
  const said = [message, ...details].filter((text) => text.trim() !== '').join(' ') || 'no message';
  const lead =
    code === 403
      ? `${url}: not allowed for this account's role`
      : code === 404
        ? `${url}: no such task`
        : `${url} answered with error ${code}`;
  return new PortalRequestError('api', url, `${lead} (portal says: ${said}).`, { code, message: said });
}

/** The credentials or the token were refused; `why` is the portal's words or ours, as a sentence. */
export function authFailed(url: string, why: string, portalCode?: number): PortalRequestError {
  const portal = portalCode === undefined ? undefined : { code: portalCode, message: why };
  return new PortalRequestError('auth-failed', url, `${url} did not accept the sign-in: ${why}`, portal);
}
