/**
 * What the core needs from the outside world, as small interfaces. The Electron shell, the CLI and the
 * tests each plug in their own implementations; the core never reaches for a global clock, keychain or
 * notification service itself, which is what lets the tests drive it against real servers.
 */

/** Passwords, by account (one per portal). Backed by the OS keychain in the app and the CLI. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** What to tell the admin when a portal has no password here; the keychain's sentence when absent. */
  missingPassword?(portalUrl: string): string;
}

/** Where clicking a notification leads. */
export interface NotificationTarget {
  portalId: string;
  taskId?: string;
}

export interface DesktopNotification {
  title: string;
  body: string;
  target?: NotificationTarget;
}

/** Shows OS notifications. Resolves once handed over; rejects when no notification service answered. */
export interface Notifier {
  notify(notification: DesktopNotification): Promise<void>;
}

export interface Clock {
  now(): number;
  /** Returns a function that cancels the timer. */
  setTimeout(callback: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured log lines; implementations redact secrets before anything reaches a file. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log: () => {} };
