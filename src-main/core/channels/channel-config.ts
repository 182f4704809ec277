import { z } from 'zod';
import { AlertKind } from '../../contract/vocabulary';

/** How a channel reaches the admin. Teams and Slack are incoming webhooks with their own payload shapes. */
export const ChannelKind = z.enum(['email', 'teams', 'slack', 'webhook']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** A channel's name doubles as its id (CLI argument, keychain account, outbox key): short and plain. */
export const ChannelName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'A channel name is 1 to 40 letters, digits, "-" or "_", starting with a letter or digit.');

const common = {
  name: ChannelName,
  /** The kinds of alert this channel gets; every kind when not chosen. */
  alertKinds: z.array(AlertKind).min(1).default(() => [...AlertKind.options]),
};

/**
 * Email over SMTP. `starttls`: plain connection upgraded before AUTH, refused if the server cannot;
 * `tls`: TLS from the first byte (port 465). The password, if `username` is set, is in the keychain.
 */
export const EmailChannel = z.object({
  ...common,
  kind: z.literal('email'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  security: z.enum(['starttls', 'tls']).default('starttls'),
  username: z.string().min(1).nullable().default(null),
  from: z.email(),
  to: z.array(z.email()).min(1),
});
export type EmailChannel = z.infer<typeof EmailChannel>;

/** A webhook's URL is a secret (whoever has it can post): it is in the keychain, not here. */
export const WebhookChannel = z.object({ ...common, kind: z.enum(['teams', 'slack', 'webhook']) });
export type WebhookChannel = z.infer<typeof WebhookChannel>;

/** A channel as saved in config.json: never a secret. */
export const ChannelConfig = z.union([EmailChannel, WebhookChannel]);
export type ChannelConfig = z.infer<typeof ChannelConfig>;

/** The keychain account of a channel's secret (SMTP password or webhook URL); portals use their URL. */
export const channelSecretAccount = (name: string) => `channel:${name}`;

export const wantsAlert = (channel: ChannelConfig, kind: AlertKind): boolean => channel.alertKinds.includes(kind);
