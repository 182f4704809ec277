import { z } from 'zod';
import type { SecretStore } from '../core/ports';

/**
 * Passwords held in this process's memory only, gone when it exits. For passwords that are not secrets:
 * the demo's simulated portals (so the demo needs no keychain) and tests and benchmarks where the keychain
 * is not what is exercised. Never used for a real portal.
 */
export class MemorySecretStore implements SecretStore {
  readonly #items: Map<string, string>;

  constructor(initial: Record<string, string> = {}) {
    this.#items = new Map(Object.entries(initial));
  }

  async get(account: string): Promise<string | null> {
    return this.#items.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#items.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.#items.delete(account);
  }
}

/**
 * How `npm run demo` hands its simulated portals' passwords (not secrets: they are printed and in the source)
 * to the desktop app it starts: JSON `{ "<portal id>": "<password>" }` in this variable. When it is set, the
 * app keeps passwords in memory and never touches the OS keychain.
 */
export const DEMO_PASSWORDS_ENV = 'TASKWATCH_DEMO_PASSWORDS';

const demoPasswordsSchema = z.record(z.string().min(1), z.string().min(1));

/** The in-memory store the demo asked for through DEMO_PASSWORDS_ENV, or null for the OS keychain. */
export function demoSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): MemorySecretStore | null {
  const text = env[DEMO_PASSWORDS_ENV];
  if (text === undefined) return null;
  const parsed = demoPasswordsSchema.safeParse(parseOrUndefined(text));
  if (!parsed.success) throw new Error(`${DEMO_PASSWORDS_ENV} must be a JSON object of portal ids to passwords.`);
  return new MemorySecretStore(parsed.data);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
