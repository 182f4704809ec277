/**
 * The portal token: generated from the keychain password when needed, cached, renewed a little before
 * it expires, and shared by concurrent requests (one generation at a time). The password is asked for
 * at each generation and never kept.
 */
import type { Clock } from '../ports';
import { PortalRequestError, authFailed } from './errors';

/** The referer the token is bound to: any stable string, sent again with every token request. */
export const TOKEN_REFERER = 'taskwatch';
export const DEFAULT_TOKEN_MINUTES = 60;
const MAX_RENEWAL_MARGIN_MS = 2 * 60_000;

export interface TokenSourceOptions {
  /** `<base>/sharing/rest/generateToken` */
  tokenUrl: string;
  username: string;
  getPassword: () => Promise<string>;
  clock: Clock;
  expirationMinutes?: number;
  /** POSTs the form and returns the checked JSON answer; throws PortalRequestError. */
  post: (url: string, form: Record<string, string>) => Promise<{ token: string; expires: number | null }>;
}

interface Token {
  value: string;
  /** When to stop using it: the portal's expiry less a safety margin. */
  renewAt: number;
}

/**
 * The portal refuses credentials with its own error answer (code 400, "Invalid username or password.").
 * A 5xx, a gateway's HTML page or no answer says nothing about the password: those stay what they are.
 */
function isCredentialsRefusal(error: unknown): error is PortalRequestError {
  return error instanceof PortalRequestError && error.kind === 'api' && error.portalCode !== undefined && error.portalCode < 500;
}

export class TokenSource {
  readonly #options: TokenSourceOptions;
  #current: Token | null = null;
  #pending: Promise<Token> | null = null;
  /** How many tokens were generated: lets tests and benchmarks see the cache at work. */
  generated = 0;

  constructor(options: TokenSourceOptions) {
    this.#options = options;
  }

  /** A valid token: the cached one, or a fresh one (one generation shared by concurrent callers). */
  async get(): Promise<string> {
    const current = this.#current;
    if (current && this.#options.clock.now() < current.renewAt) return current.value;
    this.#pending ??= this.#generate().finally(() => {
      this.#pending = null;
    });
    return (await this.#pending).value;
  }

  /** Forgets `token` after the portal rejected it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.#current?.value === token) this.#current = null;
  }

  async #generate(): Promise<Token> {
    const { tokenUrl, username, getPassword, clock, post } = this.#options;
    const minutes = this.#options.expirationMinutes ?? DEFAULT_TOKEN_MINUTES;
    const issuedAt = clock.now();
    let answer: { token: string; expires: number | null };
    try {
      answer = await post(tokenUrl, {
        username,
        password: await getPassword(),
        client: 'referer',
        referer: TOKEN_REFERER,
        expiration: String(minutes),
        f: 'json',
      });
    } catch (error) {
      if (isCredentialsRefusal(error)) {
        throw authFailed(tokenUrl, `${error.portalMessage ?? error.message} (user "${username}")`, error.portalCode);
      }
      throw error;
    }
    const expires = answer.expires ?? issuedAt + minutes * 60_000;
    const margin = Math.min(MAX_RENEWAL_MARGIN_MS, (expires - issuedAt) / 10);
    const token = { value: answer.token, renewAt: expires - margin };
    this.generated += 1;
    this.#current = token;
    return token;
  }
}
