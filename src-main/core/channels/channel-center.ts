import { afterFailedDelivery } from '../alerts/delivery';
import type { Clock, Logger, SecretStore } from '../ports';
import { emptyChannelQueue, type Alert, type ChannelQueue, type StateFile } from '../store/state';
import type { ChannelConfig } from '../../contract/routing';
import { channelSecretAccount, wantsAlert } from './channel-config';
import type { ChannelMessage } from './channel-message';
import { ChannelSendError, sendMessage } from './send';

export interface ChannelCenterOptions {
  state: StateFile;
  channels: () => ChannelConfig[];
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Saves state; awaited after an alert entered or left an outbox. */
  persist: () => Promise<void>;
  /** How a channel tells an alert (portal names, the task's title and page come from config and state). */
  describe: (alert: Alert) => ChannelMessage;
  /** A channel's outbox, last error or not-delivered list changed: the window shows them. */
  onDeliveryChanged?: () => void;
  timeoutMs?: number;
  /** Extra trust for the SMTP server's TLS certificate (tests). */
  ca?: string;
}

/** Given-up alerts a channel keeps showing. */
const UNDELIVERED_KEPT = 50;

/**
 * Email and chat delivery, one persisted outbox per channel. An alert enters the outboxes of the channels
 * that want its kind in the same state as its key is recorded as raised, so a restart neither loses it nor
 * queues it twice; it leaves once that channel's server accepted it (a crash between the two repeats it:
 * receivers can drop repeats by `key`). Channels deliver independently: a failing or hanging one waits for
 * its own retry (backoff as for desktop notifications, alerts/delivery.ts), never for another, and polling
 * never waits for any. Given up, alerts stay listed as not delivered with the reason.
 */
export class ChannelCenter {
  readonly #options: ChannelCenterOptions;
  readonly #chains = new Map<string, Promise<void>>();
  readonly #retries = new Map<string, () => void>();
  readonly #stopping = new AbortController();

  constructor(options: ChannelCenterOptions) {
    this.#options = options;
  }

  /** Queues an alert for every channel `accept` lets through that wants its kind; the caller saves the state. Returns their names. */
  enqueue(alert: Alert, accept: (channel: ChannelConfig) => boolean = () => true): string[] {
    const { state, channels } = this.#options;
    const queued: string[] = [];
    for (const channel of channels()) {
      if (!accept(channel) || !wantsAlert(channel, alert.kind)) continue;
      (state.channels[channel.name] ??= emptyChannelQueue()).outbox.push(alert);
      queued.push(channel.name);
    }
    return queued;
  }

  /** Starts delivering every channel's outbox; resolves when each attempt under way now has ended. */
  flush(): Promise<void> {
    return Promise.all(this.#options.channels().map((channel) => this.#flushChannel(channel.name))).then(() => {});
  }

  /** Sends a test message now, outside the outbox; rejects with the reason when the channel did not take it. */
  async test(channel: ChannelConfig, message: ChannelMessage): Promise<void> {
    const secret = await this.#options.secrets.get(channelSecretAccount(channel.name));
    await sendMessage(channel, message, { secret, timeoutMs: this.#options.timeoutMs, ca: this.#options.ca });
  }

  /** Drops the outboxes of channels no longer configured, and waiting alerts of portals removed (as the desktop outbox does). */
  prune(portalIds: Set<string>): void {
    const { state, channels } = this.#options;
    const names = new Set(channels().map((channel) => channel.name));
    for (const [name, queue] of Object.entries(state.channels)) {
      if (!names.has(name)) delete state.channels[name];
      else queue.outbox = queue.outbox.filter((alert) => portalIds.has(alert.portalId));
    }
  }

  /** Abandons sends under way (their alerts stay queued for the next start) and cancels retries. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    for (const cancel of this.#retries.values()) cancel();
    this.#retries.clear();
    await Promise.allSettled([...this.#chains.values()]);
  }

  #flushChannel(name: string): Promise<void> {
    const next = (this.#chains.get(name) ?? Promise.resolve()).then(() => this.#deliver(name));
    this.#chains.set(name, next);
    return next;
  }

  async #deliver(name: string): Promise<void> {
    const { state, channels, clock, persist, describe, secrets, timeoutMs, ca } = this.#options;
    const channel = channels().find((candidate) => candidate.name === name);
    const queue = state.channels[name];
    if (!channel || !queue || queue.outbox.length === 0 || this.#stopping.signal.aborted) return;
    if (queue.delivery && clock.now() < queue.delivery.nextAttemptAt) return this.#retryAt(name, queue.delivery.nextAttemptAt);
    let secret: string | null;
    try {
      secret = await secrets.get(channelSecretAccount(name));
    } catch (error) {
      return this.#failed(name, queue, error instanceof Error ? error.message : 'The keychain could not be read.');
    }
    while (queue.outbox.length > 0 && state.channels[name] === queue) {
      const alert = queue.outbox[0]!;
      try {
        await sendMessage(channel, describe(alert), { secret, timeoutMs, ca, signal: this.#stopping.signal });
      } catch (error) {
        if (this.#stopping.signal.aborted) return; // not a failure of the channel: it is sent at the next start
        return this.#failed(name, queue, error instanceof ChannelSendError ? error.message : 'The send failed unexpectedly.');
      }
      queue.outbox.shift();
      queue.delivery = null;
      queue.lastError = null;
      await persist();
      this.#options.onDeliveryChanged?.();
    }
  }

  async #failed(name: string, queue: ChannelQueue, reason: string): Promise<void> {
    const { clock, logger, persist, onDeliveryChanged } = this.#options;
    const now = clock.now();
    const retry = afterFailedDelivery(queue.delivery, now);
    logger.log('warn', `Channel ${name} could not deliver an alert: ${reason}`, { channel: name, waiting: queue.outbox.length });
    if (retry === 'give-up') {
      const given = queue.outbox.map((alert) => ({ alert, reason, at: now })).reverse();
      queue.undelivered = [...given, ...queue.undelivered].slice(0, UNDELIVERED_KEPT);
      queue.outbox = [];
      queue.delivery = null;
      queue.lastError = null;
    } else {
      queue.delivery = retry;
      queue.lastError = reason;
      this.#retryAt(name, retry.nextAttemptAt);
    }
    await persist();
    onDeliveryChanged?.();
  }

  #retryAt(name: string, at: number): void {
    const { clock } = this.#options;
    this.#retries.get(name)?.();
    this.#retries.set(
      name,
      clock.setTimeout(() => {
        this.#retries.delete(name);
        void this.#flushChannel(name);
      }, Math.max(0, at - clock.now())),
    );
  }
}
