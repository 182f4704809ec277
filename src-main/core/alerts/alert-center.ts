import type { Settings } from '../../contract/models';
import type { Clock, DesktopNotification, Notifier } from '../ports';
import { alertKinds } from '../../contract/vocabulary';
import type { Alert, StateFile } from '../store/state';
import { portalOfAlertKey } from './alert-key';
import { portalName, summaryText } from './messages';
import { notificationsHeld } from './quiet-hours';

export interface AlertCenterOptions {
  state: StateFile;
  notifier: Notifier;
  settings: () => Settings;
  clock: Clock;
  /** Saves state; awaited before a notification is handed over so a crash cannot lose an alert. */
  persist: () => Promise<void>;
  /** Each alert as it is handed to the OS, one by one even when the notification groups several. */
  onDelivered?: (alert: Alert) => void;
  portalUrl: (portalId: string) => string;
}

/** Raised keys are kept this long; runs are also guarded by each task's seen-run list. */
const ALERT_MEMORY_MS = 90 * 24 * 60 * 60 * 1000;


/**
 * Turns alert candidates into OS notifications exactly once. A new key is recorded together with its
 * alert in the persisted outbox before anything is shown; the outbox is emptied once the notification
 * was handed over. So a restart neither repeats an alert nor loses one, and alerts held back (quiet
 * hours, snooze, Taskwatch closed) arrive later, several grouped into one summary notification.
 */
export class AlertCenter {
  readonly #options: AlertCenterOptions;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: AlertCenterOptions) {
    this.#options = options;
  }

  /** Records the candidates not raised before; returns those that will be notified. */
  raise(candidates: Alert[]): Alert[] {
    const { state, settings } = this.#options;
    const wanted = settings().notify;
    const fresh: Alert[] = [];
    for (const alert of candidates) {
      if (Object.hasOwn(state.alerted, alert.key)) continue;
      // A switched-off kind is marked raised too, so switching it on later does not replay old news.
      state.alerted[alert.key] = alert.createdAt;
      if (!wanted[alertKinds[alert.kind].notify]) continue;
      state.outbox.push(alert);
      fresh.push(alert);
    }
    return fresh;
  }

  /** Hands the outbox to the OS unless notifications are held; concurrent calls run one after another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#deliver());
    return this.#flushing;
  }

  /** Forgets keys of removed portals and keys older than the alert memory. */
  prune(portalIds: Set<string>): void {
    const { state, clock } = this.#options;
    const oldest = clock.now() - ALERT_MEMORY_MS;
    for (const [key, at] of Object.entries(state.alerted)) {
      if (at < oldest || !portalIds.has(portalOfAlertKey(key))) delete state.alerted[key];
    }
    state.outbox = state.outbox.filter((alert) => portalIds.has(alert.portalId));
  }

  async #deliver(): Promise<void> {
    const { state, notifier, settings, clock, persist, onDelivered } = this.#options;
    if (state.outbox.length === 0 || notificationsHeld(settings(), clock.now())) return;
    await persist();
    const batch = [...state.outbox];
    try {
      await notifier.notify(this.#notificationFor(batch));
    } catch {
      // The notifier logs an unreachable notification service once; the window and CLI still show it all.
    }
    const delivered = new Set(batch.map((alert) => alert.key));
    state.outbox = state.outbox.filter((alert) => !delivered.has(alert.key));
    await persist();
    for (const alert of batch) onDelivered?.(alert);
  }

  #notificationFor(batch: Alert[]): DesktopNotification {
    const first = batch[0]!;
    const target = { portalId: first.portalId, ...(first.taskId ? { taskId: first.taskId } : {}) };
    if (batch.length === 1) return { title: first.title, body: first.body, target };
    const portals = new Set(batch.map((alert) => alert.portalId));
    const lines = batch.map((alert) => `${alert.title} (${portalName(this.#options.portalUrl(alert.portalId))})`);
    return { ...summaryText(batch.length, portals.size, lines), target };
  }
}
