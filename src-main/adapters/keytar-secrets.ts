import { z } from 'zod';
import { TaskwatchError } from '../core/errors';
import type { SecretStore } from '../core/ports';
import { redactText } from '../core/redact';

/** The three calls Taskwatch needs from keytar (macOS Keychain, Windows Credential Vault, Secret Service). */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** The keychain's service attribute; every Taskwatch item carries it. */
  service?: string;
  /** Loads the native module. Only tests of a broken installation pass their own. */
  load?: () => Promise<KeytarApi>;
  /** A locked keyring may show an unlock prompt that nobody answers: give up after this long. */
  timeoutMs?: number;
}

const NEVER_A_FILE = 'Taskwatch never stores passwords in files.';

/** libsecret / D-Bus / dlopen messages, each turned into one sentence that says what to do. */
const KNOWN_FAILURES: Array<{ pattern: RegExp; sentence: string }> = [
  {
    pattern: /autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket/i,
    sentence:
      'The OS keychain is not available: this process has no desktop session bus (D-Bus). Run Taskwatch inside a ' +
      `desktop session (on a server: inside dbus-run-session with an unlocked GNOME Keyring). ${NEVER_A_FILE}`,
  },
  {
    pattern: /locked collection|is locked|Cannot unlock|prompt.*dismissed|collection\/login/i,
    sentence:
      'The OS keychain is locked or has no login keyring: unlock (or create) the login keyring in GNOME Keyring ' +
      `or KWallet, then try again. ${NEVER_A_FILE}`,
  },
  {
    pattern: /org\.freedesktop\.secrets|ServiceUnknown|not provided by any|No such interface|Object does not exist/i,
    sentence:
      'The OS keychain is not available: no Secret Service is running on this desktop session. Install and ' +
      'unlock GNOME Keyring or KWallet (or on a server run Taskwatch inside a desktop session); ' +
      NEVER_A_FILE,
  },
];

const LIBSECRET_MISSING =
  'The OS keychain is not available: the libsecret library is missing. Install it (Debian/Ubuntu: ' +
  `libsecret-1-0, Fedora: libsecret), then restart Taskwatch. ${NEVER_A_FILE}`;
const MODULE_BROKEN =
  "The OS keychain is not available: Taskwatch's keychain module (keytar) is missing or was built for another " +
  'runtime. Reinstall Taskwatch (developers: npm rebuild keytar, or electron-builder install-app-deps for the ' +
  `app). ${NEVER_A_FILE}`;

const accountSchema = z.string().min(1, 'An account name is required.').max(512);
const secretSchema = z.string().min(1, 'A password cannot be empty.');

export async function loadKeytar(): Promise<KeytarApi> {
  // Loaded on first use, so that a missing native module or Secret Service is an error the admin can read,
  // not a crash when the app or the CLI starts. keytar is CommonJS: its functions live on the default export.
  const module = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
}

/**
 * Portal passwords in the OS keychain, one item per portal (service `taskwatch`, account = portal id).
 * When the keychain cannot be used, every call rejects with a `keychain-unavailable` TaskwatchError;
 * there is deliberately no fallback to a file.
 */
export class KeytarSecretStore implements SecretStore {
  readonly #service: string;
  readonly #load: () => Promise<KeytarApi>;
  readonly #timeoutMs: number;
  #keytar: Promise<KeytarApi> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.#service = options.service ?? 'taskwatch';
    this.#load = options.load ?? loadKeytar;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
  }

  get(account: string): Promise<string | null> {
    return this.#call(account, (keytar, service) => keytar.getPassword(service, account));
  }

  set(account: string, secret: string): Promise<void> {
    const valid = secretSchema.safeParse(secret);
    if (!valid.success) return Promise.reject(new TaskwatchError('invalid-input', valid.error.issues[0]!.message));
    return this.#call(account, (keytar, service) => keytar.setPassword(service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#call(account, (keytar, service) => keytar.deletePassword(service, account));
  }

  async #call<T>(account: string, operation: (keytar: KeytarApi, service: string) => Promise<T>): Promise<T> {
    const valid = accountSchema.safeParse(account);
    if (!valid.success) throw new TaskwatchError('invalid-input', valid.error.issues[0]!.message);
    const keytar = await this.#keytarModule();
    try {
      return await withTimeout(operation(keytar, this.#service), this.#timeoutMs);
    } catch (error) {
      throw keychainError(error, KNOWN_FAILURES.find(({ pattern }) => pattern.test(messageOf(error)))?.sentence);
    }
  }

  #keytarModule(): Promise<KeytarApi> {
    this.#keytar ??= this.#load().catch((error: unknown) => {
      this.#keytar = undefined; // a later call may succeed once the admin has fixed the installation
      throw keychainError(error, /libsecret/i.test(messageOf(error)) ? LIBSECRET_MISSING : MODULE_BROKEN);
    });
    return this.#keytar;
  }
}

class KeychainTimeout extends Error {}

function withTimeout<T>(operation: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainTimeout()), ms);
    timer.unref();
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

function keychainError(error: unknown, sentence: string | undefined): TaskwatchError {
  if (error instanceof TaskwatchError) return error;
  const message =
    error instanceof KeychainTimeout
      ? 'The OS keychain did not answer in time: an unlock prompt may be waiting on your desktop. Unlock the ' +
        `keyring and try again. ${NEVER_A_FILE}`
      : (sentence ??
        `The OS keychain refused the request (${redactText(firstLine(messageOf(error)))}). ${NEVER_A_FILE}`);
  const wrapped = new TaskwatchError('keychain-unavailable', message);
  wrapped.cause = error; // keytar's own message for the log; it never contains the password
  return wrapped;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 200);
}
