import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopNotifier } from '../../src-main/adapters/desktop-notifier';
import type { Logger, LogLevel } from '../../src-main/core/ports';
import {
  startNotificationReceiver,
  startPrivateSessionBus,
  type NotificationReceiver,
  type PrivateSessionBus,
} from '../support/notification-receiver';

// The real path: node-notifier -> notify-send (apt libnotify-bin) -> D-Bus -> a real Notifications service.
// The bus is private to this file, so "no service" holds whatever other test files do meanwhile; notify-send
// is a fresh process per notification and finds the bus through DBUS_SESSION_BUS_ADDRESS.
let bus: PrivateSessionBus;
const previousBus = process.env.DBUS_SESSION_BUS_ADDRESS;

beforeAll(async () => {
  bus = await startPrivateSessionBus();
  process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
});

afterAll(async () => {
  process.env.DBUS_SESSION_BUS_ADDRESS = previousBus;
  await bus.stop();
});

function recordingLogger() {
  const lines: Array<{ level: LogLevel; message: string }> = [];
  const logger: Logger = { log: (level, message) => lines.push({ level, message }) };
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 'warn') };
}

async function withReceiver<T>(run: (receiver: NotificationReceiver) => Promise<T>, answers = true): Promise<T> {
  const receiver = await startNotificationReceiver({ busAddress: bus.address, answers });
  try {
    return await run(receiver);
  } finally {
    await receiver.stop();
  }
}

describe('DesktopNotifier on Linux (notify-send)', () => {
  it('delivers title and body intact, quotes, shell characters and non-ASCII included', async () => {
    const iconPath = resolve(import.meta.dirname, '../../build/icon.png');
    const notifier = new DesktopNotifier({ logger: recordingLogger().logger, iconPath });
    const title = 'Backup "nightly" failed on Zürich — 2 runs';
    const body = "Run 7 said: 'disk full' at $HOME `now` & 100% ✓\nSecond line";
    await withReceiver(async (receiver) => {
      await notifier.notify({ title, body, target: { portalId: 'zurich', taskId: 'backup' } });
      const [shown] = await receiver.waitFor(1);
      expect(shown).toMatchObject({ appName: 'Taskwatch', summary: title, body, appIcon: iconPath });
      expect(shown!.hints['desktop-entry']).toBe('taskwatch');
    });
  });

  it('fails fast with a clear reason when no notification service runs, warns once, and recovers', async () => {
    const { logger, lines, warnings } = recordingLogger();
    const notifier = new DesktopNotifier({ logger });
    const started = Date.now();
    const failure = notifier.notify({ title: 'First', body: 'nobody listens' });
    await expect(failure).rejects.toThrow(
      'A desktop notification could not be shown: no notification service (such as GNOME Shell, KDE Plasma or dunst) ' +
        'is running on this desktop session.',
    );
    const second = notifier.notify({ title: 'Second', body: 'nobody listens' });
    await expect(second).rejects.toThrow(/no notification service/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.message).toMatch(/^A desktop notification could not be shown: .* until one succeeds\.$/);

    await withReceiver(async (receiver) => {
      await notifier.notify({ title: 'Third', body: 'a service is back' });
      expect((await receiver.waitFor(1))[0]).toMatchObject({ summary: 'Third' });
    });
    expect(lines.at(-1)).toEqual({ level: 'info', message: 'Desktop notifications work again.' });

    await expect(notifier.notify({ title: 'Fourth', body: 'gone again' })).rejects.toThrow();
    expect(warnings()).toHaveLength(2);
  });

  it('gives up on a notification service that never answers, within the time limit', async () => {
    const { logger, warnings } = recordingLogger();
    const notifier = new DesktopNotifier({ logger, timeoutSeconds: 1 });
    await withReceiver(async (receiver) => {
      const started = Date.now();
      await expect(notifier.notify({ title: 'Hung', body: 'daemon' })).rejects.toThrow(
        'A desktop notification could not be shown: no notification service answered within 1 s.',
      );
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(receiver.received).toHaveLength(1);
    }, false);
    expect(warnings()).toHaveLength(1);
  });
});
