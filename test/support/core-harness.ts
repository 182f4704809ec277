import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, DesktopNotification, Notifier } from '../../src-main/core/ports';

/**
 * Stand-ins for the two OS services where they are not what a test is about. The keychain and the
 * notification service themselves are proven against the real ones in test/adapters.
 */

/** The in-memory SecretStore the demo uses, under the name the tests know. */
export { MemorySecretStore as MemorySecrets } from '../../src-main/adapters/memory-secrets';

export class RecordingNotifier implements Notifier {
  readonly shown: DesktopNotification[] = [];
  async notify(notification: DesktopNotification) {
    this.shown.push(notification);
  }
}

/** A clock the test moves by hand; timers fire as it passes them. */
export class ManualClock implements Clock {
  #timers: Array<{ at: number; callback: () => void }> = [];
  constructor(public current: number) {}
  now = () => this.current;
  setTimeout(callback: () => void, ms: number) {
    const timer = { at: this.current + ms, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((candidate) => candidate !== timer);
    };
  }
  advance(ms: number) {
    this.current += ms;
    const due = this.#timers.filter((timer) => timer.at <= this.current);
    this.#timers = this.#timers.filter((timer) => timer.at > this.current);
    for (const timer of due) timer.callback();
  }
}

export async function scratchFolder(prefix = 'taskwatch-test-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
