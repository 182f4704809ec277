import { describeIssues } from '../../contract/issues';
import { TaskwatchError } from '../errors';
import type { SecretStore } from '../ports';
import type { ConfigFile } from '../store/config';
import type { ChannelQueue, StateFile } from '../store/state';
import type { ChannelCenter } from './channel-center';
import { ChannelConfig } from '../../contract/routing';
import { channelSecretAccount } from './channel-config';
import type { ChannelMessage } from './channel-message';

/** A channel with how its deliveries stand: what `channel list` and, later, the window show. */
export interface ChannelStatus {
  channel: ChannelConfig;
  waiting: number;
  /** Why the last attempt failed while the outbox waits for its retry; null when nothing failed. */
  lastError: string | null;
  nextAttemptAt: number | null;
  undelivered: ChannelQueue['undelivered'];
}

export interface ChannelDirectoryOptions {
  config: ConfigFile;
  state: StateFile;
  secrets: SecretStore;
  center: ChannelCenter;
  saveConfig: () => Promise<void>;
  saveState: () => Promise<void>;
  now: () => number;
}

/**
 * The configured channels and their keychain entries, kept in step: the channel's fields go to
 * config.json, its secret (webhook URL, SMTP password) only to the keychain, and removing it deletes both
 * and its outbox.
 */
export class ChannelDirectory {
  constructor(private readonly options: ChannelDirectoryOptions) {}

  list(): ChannelStatus[] {
    return this.options.config.channels.map((channel) => {
      const queue = this.options.state.channels[channel.name];
      return {
        channel,
        waiting: queue?.outbox.length ?? 0,
        lastError: queue?.lastError ?? null,
        nextAttemptAt: queue?.delivery?.nextAttemptAt ?? null,
        undelivered: queue?.undelivered ?? [],
      };
    });
  }

  /** Adds the channel, or replaces the one of the same name (fields and secret). */
  async add(input: unknown, secret: string | null): Promise<ChannelConfig> {
    const parsed = ChannelConfig.safeParse(input);
    if (!parsed.success) throw new TaskwatchError('invalid-input', describeIssues(parsed.error, 'channel'));
    const channel = parsed.data;
    if (channel.kind !== 'email') {
      if (!secret || !URL.canParse(secret) || !/^https?:$/.test(new URL(secret).protocol)) {
        throw new TaskwatchError('invalid-input', 'A webhook channel needs its URL (http or https) on standard input.');
      }
    } else if (channel.username && !secret) {
      throw new TaskwatchError('invalid-input', `No SMTP password given for ${channel.username}.`);
    }
    const account = channelSecretAccount(channel.name);
    if (secret) await this.options.secrets.set(account, secret);
    else await this.options.secrets.delete(account);
    const { channels } = this.options.config;
    const index = channels.findIndex((existing) => existing.name === channel.name);
    if (index >= 0) channels[index] = channel;
    else channels.push(channel);
    await this.options.saveConfig();
    return channel;
  }

  async remove(name: string): Promise<void> {
    const { channels } = this.options.config;
    channels.splice(channels.indexOf(this.find(name)), 1);
    await this.options.saveConfig();
    await this.options.secrets.delete(channelSecretAccount(name));
    this.options.center.prune(new Set(this.options.config.portals.map((portal) => portal.id)));
    await this.options.saveState();
  }

  /** Sends a test message through the channel now; rejects with the reason it was not taken. */
  test(name: string): Promise<void> {
    const channel = this.find(name);
    const now = new Date(this.options.now()).toISOString();
    const message: ChannelMessage = {
      key: `test:${name}:${this.options.now()}`,
      kind: 'test',
      title: 'Taskwatch test message',
      message: `This channel (${name}) reaches you: Taskwatch alerts will arrive here.`,
      portal: { url: '', name: 'Taskwatch' },
      task: null,
      run: null,
      times: { raisedAt: now, sentAt: now },
      link: null,
    };
    return this.options.center.test(channel, message);
  }

  find(name: string): ChannelConfig {
    const channel = this.options.config.channels.find((candidate) => candidate.name === name);
    if (!channel) throw new TaskwatchError('not-found', `No channel named ${name}; see taskwatch channel list.`);
    return channel;
  }
}
