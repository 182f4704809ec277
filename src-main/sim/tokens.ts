/** Tokens the simulated portal hands out and checks, timed by the injected clock. */
import { randomBytes } from 'node:crypto';

export interface UserAccount {
  password: string;
  /** Only administrators may use the admin API; others get 403. */
  role: 'admin' | 'user';
}

export type UserTable = Record<string, string | UserAccount>;

export class TokenIssuer {
  readonly #now: () => number;
  readonly #users: Map<string, UserAccount>;
  readonly #tokens = new Map<string, { username: string; expires: number }>();
  readonly issued: string[] = [];
  ttlMs: number;

  constructor(users: UserTable, ttlMs: number, now: () => number) {
    this.#now = now;
    this.ttlMs = ttlMs;
    this.#users = new Map(
      Object.entries(users).map(([name, account]) => [name, typeof account === 'string' ? { password: account, role: 'admin' } : account]),
    );
  }

  /** A token for valid credentials, for min(asked, ttl); null for wrong ones. */
  issue(username: string, password: string, expirationMinutes: number): { token: string; expires: number } | null {
    const account = this.#users.get(username);
    if (!account || account.password !== password) return null;
    const asked = Number.isFinite(expirationMinutes) && expirationMinutes > 0 ? expirationMinutes * 60_000 : this.ttlMs;
    const expires = this.#now() + Math.min(asked, this.ttlMs);
    const token = randomBytes(48).toString('base64url');
    this.#tokens.set(token, { username, expires });
    this.issued.push(token);
    return { token, expires };
  }

  /** The account a token belongs to, or null when it is unknown or expired. */
  check(token: string): UserAccount | null {
    const entry = this.#tokens.get(token);
    if (!entry || entry.expires <= this.#now()) return null;
    return this.#users.get(entry.username) ?? null;
  }

  expireAll(): void {
    this.#tokens.clear();
  }
}
