import { z } from 'zod';
import { TaskwatchError } from '../core/errors';
import { normalizePortalUrl } from '../core/portal/urls';
import type { SecretStore } from '../core/ports';
import { readOwnerOnly } from './owner-only-file';

/** Where a server without a desktop keychain finds its portal passwords. */
export type PasswordSource = { kind: 'file'; path: string } | { kind: 'env'; name: string; text: string };

/** `{ "<portal url>": "<password>" }`: one entry per portal, keyed by its URL as `portal add` was given it. */
const PasswordTable = z.record(z.string(), z.string().min(1));

/**
 * Portal passwords from a file only its owner can read, or from an environment variable, for
 * `taskwatch serve` where no Secret Service runs. Read-only: passwords are changed by editing the source,
 * which is read again whenever a token must be generated, so a rotated password needs no restart.
 * Error messages name the source, never a line of its content.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly source: PasswordSource) {}

  /** Reads the source once, so that a wrong path, mode or format stops `serve` at start, not at a poll. */
  async check(): Promise<void> {
    await this.#table();
  }

  async get(account: string): Promise<string | null> {
    return (await this.#table()).get(account) ?? null;
  }

  missingPassword(portalUrl: string): string {
    return `No password for ${portalUrl} in the ${this.#source()}: add an entry with the portal URL as its key.`;
  }

  set(): Promise<void> {
    return Promise.reject(this.#readOnly());
  }

  delete(): Promise<boolean> {
    return Promise.reject(this.#readOnly());
  }

  async #table(): Promise<Map<string, string>> {
    const text = this.source.kind === 'file' ? await readOwnerOnly(this.source.path, 'The password file') : this.source.text;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // JSON.parse quotes the text near the mistake: that may be a password, so its message is not passed on.
      throw this.#invalid('is not JSON');
    }
    const table = PasswordTable.safeParse(json);
    if (!table.success) throw this.#invalid('must be one JSON object of portal URL to password (a non-empty string)');
    return new Map(Object.entries(table.data).map(([url, password]) => [normalizePortalUrl(url), password]));
  }

  #source(): string {
    return this.source.kind === 'file' ? `password file ${this.source.path}` : `environment variable ${this.source.name}`;
  }

  #invalid(problem: string): TaskwatchError {
    return new TaskwatchError('invalid-input', `The ${this.#source()} ${problem}.`);
  }

  #readOnly(): TaskwatchError {
    return new TaskwatchError('forbidden', `The ${this.#source()} holds the passwords here: change them there.`);
  }
}
