import type { Settings } from '../../contract/models';
import type { Clock, DesktopNotification, Notifier } from '../ports';
import { alertKinds } from '../../contract/vocabulary';
import type { Alert, StateFile } from '../store/state';
import { portalOfAlertKey } from './alert-key';
import { afterFailedDelivery } from './delivery';
import { portalName, summaryText } from './messages';
import { notificationsHeld } from './quiet-hours';

export interface AlertCenterOptions {
  state: StateFile;
  notifier: Notifier;
  settings: () => Settings;
  clock: Clock;
  /** Saves state; awaited before a notification is handed over so a crash cannot lose an alert. */
  persist: () => Promise<void>;
  /**
   * Each alert once, right after its first notification was handed to the OS (taken or not), one by one
   * even when the notification groups several; the state that records it is saved at once after.
   */
  onDelivered?: (alert: Alert) => void;
  /**
   * Decides, in the same state change as the alert is recorded, where a newly raised alert goes (the
   * desktop through toDesktop, channels, or held back: core/routing); true when it went to the desktop.
   * Without it every alert goes to the desktop.
   */
  route?: (alert: Alert) => boolean;
  /** The alerts given up on changed: the window shows them. */
  onUndelivered?: () => void;
  portalUrl: (portalId: string) => string;
}

/** Alerts given up on that the window keeps showing. */
const UNDELIVERED_KEPT = 100;

/** Raised keys are kept this long; runs are also guarded by each task's seen-run list. */
const ALERT_MEMORY_MS = 90 * 24 * 60 * 60 * 1000;


/**
 * Turns alert candidates into OS notifications exactly once. A new key is recorded together with its
 * alert in the persisted outbox before anything is shown; the outbox is emptied once the OS took the
 * notification, and saved at once. So a restart loses no alert, and repeats one only if the process died
 * between showing it and that save (the crash window the README states). Alerts held back (quiet hours,
 * snooze, Taskwatch closed) arrive later, several grouped into one summary notification. A notification
 * the OS did not take is retried with backoff (delivery.ts), then kept as "not delivered" for the window.
 */
export class AlertCenter {
  readonly #options: AlertCenterOptions;
  #flushing: Promise<void> = Promise.resolve();
  #cancelRetry: (() => void) | null = null;

  constructor(options: AlertCenterOptions) {
    this.#options = options;
  }

  /** Records the candidates not raised before; returns those that will be notified on the desktop. */
  raise(candidates: Alert[]): Alert[] {
    const { state, route = (alert) => this.toDesktop(alert) } = this.#options;
    const fresh: Alert[] = [];
    for (const alert of candidates) {
      if (Object.hasOwn(state.alerted, alert.key)) continue;
      // Recorded whether or not it is shown, so switching a kind on (or a mute ending) never replays old news.
      state.alerted[alert.key] = alert.createdAt;
      if (route(alert)) fresh.push(alert);
    }
    return fresh;
  }

  /** Puts an alert in the outbox if the Settings switch of its kind is on; true when it did. */
  toDesktop(alert: Alert): boolean {
    if (!this.#options.settings().notify[alertKinds[alert.kind].notify]) return false;
    this.#options.state.outbox.push(alert);
    return true;
  }

  /** Hands the outbox to the OS unless notifications are held; concurrent calls run one after another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#deliver());
    return this.#flushing;
  }

  /** Cancels a pending retry (the service stops); the outbox stays saved for the next start. */
  stop(): void {
    this.#cancelRetry?.();
    this.#cancelRetry = null;
  }

  /** Forgets keys of removed portals and keys older than the alert memory. */
  prune(portalIds: Set<string>): void {
    const { state, clock } = this.#options;
    const oldest = clock.now() - ALERT_MEMORY_MS;
    for (const [key, at] of Object.entries(state.alerted)) {
      if (at < oldest || !portalIds.has(portalOfAlertKey(key))) delete state.alerted[key];
    }
    state.outbox = state.outbox.filter((alert) => portalIds.has(alert.portalId));
    state.announced = state.announced.filter((key) => state.outbox.some((alert) => alert.key === key));
  }

  async #deliver(): Promise<void> {
    const { state, notifier, settings, clock, persist, onDelivered } = this.#options;
    if (state.outbox.length === 0 || notificationsHeld(settings(), clock.now())) return;
    const isNews = (alert: Alert) => !state.announced.includes(alert.key);
    // A retry waits for its time, unless there is news: that is tried at once (and the waiting with it).
    const waiting = state.delivery && clock.now() < state.delivery.nextAttemptAt;
    if (waiting && !state.outbox.some(isNews)) return this.#retryAt(state.delivery!.nextAttemptAt);
    await persist();
    const batch = [...state.outbox];
    const news = batch.filter(isNews);
    let taken = true;
    try {
      await notifier.notify(this.#notificationFor(batch));
    } catch {
      taken = false; // the notifier logs an unreachable notification service once, not at every attempt
    }
    for (const alert of news) onDelivered?.(alert);
    state.announced.push(...news.map((alert) => alert.key));
    if (taken) this.#settle(batch);
    else this.#failed(batch);
    await persist();
  }

  #failed(batch: Alert[]): void {
    const { state, clock, onUndelivered } = this.#options;
    const retry = afterFailedDelivery(state.delivery, clock.now());
    if (retry !== 'give-up') {
      state.delivery = retry;
      this.#retryAt(retry.nextAttemptAt);
      return;
    }
    this.#settle(batch);
    state.undelivered = [...[...batch].reverse(), ...state.undelivered].slice(0, UNDELIVERED_KEPT);
    onUndelivered?.();
  }

  /** The batch leaves the outbox (shown, or given up on); what came meanwhile starts afresh. */
  #settle(batch: Alert[]): void {
    const { state } = this.#options;
    const done = new Set(batch.map((alert) => alert.key));
    state.outbox = state.outbox.filter((alert) => !done.has(alert.key));
    state.announced = state.announced.filter((key) => !done.has(key));
    state.delivery = null;
  }

  #retryAt(at: number): void {
    const { clock } = this.#options;
    this.#cancelRetry?.();
    this.#cancelRetry = clock.setTimeout(() => {
      this.#cancelRetry = null;
      void this.flush();
    }, Math.max(0, at - clock.now()));
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
