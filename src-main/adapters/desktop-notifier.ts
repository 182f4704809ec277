import notifier from 'node-notifier';
import type { DesktopNotification, Logger, NotificationTarget, Notifier } from '../core/ports';
import { redactText } from '../core/redact';

export interface DesktopNotifierOptions {
  /** Windows AppUserModelID: must equal the packaged appId, or Windows shows no toast / the wrong app name. */
  appId?: string;
  appName?: string;
  /** Absolute path of a PNG shown beside the text (Linux, Windows). */
  iconPath?: string;
  /** Called when the admin clicks a notification that has a target (macOS and Windows only, see below). */
  onClick?: (target: NotificationTarget) => void;
  logger: Logger;
  /** How long a notification service may take to accept a notification before notify() gives up. */
  timeoutSeconds?: number;
}

/** The .desktop file electron-builder installs on Linux (executableName in build/electron-builder.yml). */
const DESKTOP_ENTRY = 'taskwatch';
/**
 * macOS and Windows keep their helper running until the admin reacts, and only then call back. A helper
 * that has not failed within this window has shown the notification: that is "handed over" there.
 */
const WAITING_HELPER_GRACE_MS = 2_000;

/**
 * OS notifications through node-notifier: notify-send (libnotify) on Linux, terminal-notifier on macOS,
 * SnoreToast on Windows. notify() never hangs the monitor: it settles within `timeoutSeconds`, and a
 * failing notification service is logged once (not at every poll) until notifications work again.
 *
 * Clicks: node-notifier reports a click through the callback of the notification that was clicked (its
 * 'click' event is fed from the same callback, but names no notification). notify-send cannot report
 * clicks at all, so on Linux a click does nothing; the shell keeps the latest target in the tray menu.
 */
export class DesktopNotifier implements Notifier {
  readonly #options: Required<Omit<DesktopNotifierOptions, 'iconPath' | 'onClick'>> &
    Pick<DesktopNotifierOptions, 'iconPath' | 'onClick'>;
  readonly #helperWaitsForClicks = !(notifier instanceof notifier.NotifySend);
  #failing = false;

  constructor(options: DesktopNotifierOptions) {
    this.#options = { appId: 'com.taskwatch.app', appName: 'Taskwatch', timeoutSeconds: 10, ...options };
  }

  notify(notification: DesktopNotification): Promise<void> {
    return this.#deliver(notification).then(
      () => this.#recovered(),
      (error: Error) => {
        this.#failed(error);
        throw error;
      },
    );
  }

  #deliver({ title, body, target }: DesktopNotification): Promise<void> {
    const { onClick, timeoutSeconds } = this.#options;
    const waitForClick = this.#helperWaitsForClicks && onClick !== undefined && target !== undefined;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const limitMs = waitForClick ? Math.min(WAITING_HELPER_GRACE_MS, timeoutSeconds * 1000) : timeoutSeconds * 1000;
      const noAnswer = notificationError(`no notification service answered within ${timeoutSeconds} s`);
      const timer = setTimeout(() => settle(waitForClick ? undefined : noAnswer), limitMs);
      timer.unref();
      notifier.notify(this.#platformOptions(title, body, waitForClick), (error, response) => {
        // A helper that failed gives an Error. One that succeeded gives its stderr as a string: '' usually,
        // sometimes a harmless GLib warning. Neither string is a failure.
        if (error instanceof Error) return settle(notificationError(reasonOf(error)));
        if (waitForClick && /^(activate|click)/i.test(response ?? '')) onClick?.(target);
        settle();
      });
    });
  }

  #platformOptions(title: string, message: string, wait: boolean): Record<string, unknown> {
    const { appId, appName, iconPath } = this.#options;
    const common = { title, message, wait, ...(iconPath ? { icon: iconPath } : {}) };
    if (this.#helperWaitsForClicks) return { ...common, appID: appId };
    // notify-send: the app name and desktop entry let the desktop group and label Taskwatch's notifications.
    return { ...common, wait: false, 'app-name': appName, hint: `string:desktop-entry:${DESKTOP_ENTRY}` };
  }

  #failed(error: Error): void {
    if (this.#failing) return;
    this.#failing = true;
    this.#options.logger.log('warn', `${error.message} Further failures are not logged until one succeeds.`);
  }

  #recovered(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.#options.logger.log('info', 'Desktop notifications work again.');
  }
}

/** node-notifier's errors quote the whole helper command line; the helper's own last line is the reason. */
function reasonOf(error: Error): string {
  const lines = error.message.split('\n').map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? 'unknown error';
  if (/ServiceUnknown|not provided by any \.service/i.test(last)) {
    return 'no notification service (such as GNOME Shell, KDE Plasma or dunst) is running on this desktop session';
  }
  if (/Could not connect|autolaunch D-Bus/i.test(last)) return 'this process has no desktop session bus (D-Bus)';
  if (/notify-send|ENOENT|not found/i.test(last)) return 'notify-send is missing (install libnotify-bin)';
  return redactText(last).slice(0, 200);
}

function notificationError(reason: string): Error {
  return new Error(`A desktop notification could not be shown: ${reason}.`);
}
