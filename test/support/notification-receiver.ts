/**
 * A real org.freedesktop.Notifications service (what GNOME Shell, Plasma or dunst provide) that records
 * what it is asked to show, plus a private session bus to run it on, so that a test owns the whole
 * notification path: notify-send -> D-Bus -> this receiver.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import dbus, { type Variant } from 'dbus-next';

export interface ReceivedNotification {
  id: number;
  appName: string;
  appIcon: string;
  summary: string;
  body: string;
  hints: Record<string, unknown>;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface NotificationReceiver {
  received: ReceivedNotification[];
  /** Resolves with the first `count` notifications once they have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedNotification[]>;
  stop(): Promise<void>;
}

export interface ReceiverOptions {
  /** Defaults to DBUS_SESSION_BUS_ADDRESS. */
  busAddress?: string;
  /** false: accept calls but never answer them, like a hung notification daemon. */
  answers?: boolean;
}

const NAME = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';

export async function startNotificationReceiver(options: ReceiverOptions = {}): Promise<NotificationReceiver> {
  const received: ReceivedNotification[] = [];
  const arrivals = new Set<() => void>();
  const bus = dbus.sessionBus(options.busAddress ? { busAddress: options.busAddress } : {});
  const service = new NotificationsService(options.answers ?? true, (notification) => {
    received.push(notification);
    for (const check of arrivals) check();
  });
  bus.export(PATH, service);
  const reply = await bus.requestName(NAME, dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) {
    bus.disconnect();
    throw new Error(`Another notification service already owns ${NAME} on this bus.`);
  }

  return {
    received,
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          done();
          resolve(received.slice(0, count));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Expected ${count} notification(s) within ${timeoutMs} ms, got ${received.length}.`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          arrivals.delete(check);
        };
        arrivals.add(check);
        check();
      });
    },
    async stop() {
      await bus.releaseName(NAME).catch(() => undefined);
      bus.disconnect();
    },
  };
}

class NotificationsService extends dbus.interface.Interface {
  #nextId = 1;

  constructor(
    private readonly answers: boolean,
    private readonly record: (notification: ReceivedNotification) => void,
  ) {
    super(NAME);
  }

  Notify(appName: string, _replacesId: number, appIcon: string, summary: string, body: string, _actions: string[],
    hints: Record<string, Variant>): number | Promise<number> {
    const id = this.#nextId++;
    const plainHints = Object.fromEntries(Object.entries(hints).map(([key, variant]) => [key, variant.value]));
    this.record({ id, appName, appIcon, summary, body, hints: plainHints, at: Date.now() });
    return this.answers ? id : new Promise<number>(() => {});
  }

  GetCapabilities(): string[] {
    return ['body'];
  }

  GetServerInformation(): string[] {
    return ['taskwatch-test-receiver', 'taskwatch', '1.0', '1.2'];
  }

  CloseNotification(): void {}
}

NotificationsService.configureMembers({
  methods: {
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    GetCapabilities: { outSignature: 'as' },
    GetServerInformation: { outSignature: 'ssss' },
    CloseNotification: { inSignature: 'u' },
  },
});

export interface PrivateSessionBus {
  address: string;
  stop(): Promise<void>;
}

/**
 * Starts a dbus-daemon of its own, so that "no notification service" really means none, whatever other
 * test files running at the same time put on the shared session bus.
 */
export async function startPrivateSessionBus(): Promise<PrivateSessionBus> {
  const dir = mkdtempSync(join(tmpdir(), 'taskwatch-bus-'));
  const daemon = spawn(
    'dbus-daemon',
    ['--session', '--nofork', '--nopidfile', `--address=unix:path=${join(dir, 'bus')}`, '--print-address=1'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const stop = async () => {
    daemon.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not start within 5 s.')), 5_000);
    daemon.once('error', reject);
    createInterface({ input: daemon.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { address, stop };
}
