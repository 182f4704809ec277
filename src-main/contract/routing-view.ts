/**
 * What the window sees of channels, mutes and maintenance windows, and what it sends to change them.
 * Asked for apart from the snapshot (`getRouting`): it changes rarely, and the snapshot stays lean.
 * Nothing here carries a channel's secret: it goes in with `saveChannel` and stays in the keychain.
 */
import { z } from 'zod';
import { EpochMs } from './models';
import { ChannelConfig, MaintenanceWindow, Mute } from './routing';
import { AlertKind } from './vocabulary';

/** A webhook's address as typed in the window: http(s) only (it is posted to). */
export const WebhookUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'Enter the webhook URL, starting with https://');

/**
 * Add a channel, or replace the one of the same name. `secret` is the webhook URL or the SMTP password;
 * null keeps the one saved in the keychain (editing other fields).
 */
export const ChannelSave = z
  .object({ channel: ChannelConfig, secret: z.string().min(1).max(4096).nullable() })
  .superRefine(({ channel, secret }, context) => {
    if (channel.kind !== 'email' && secret !== null && !WebhookUrl.safeParse(secret).success) {
      context.addIssue({ code: 'custom', path: ['secret'], message: 'Enter the webhook URL, starting with https://' });
    }
  });
export type ChannelSave = z.input<typeof ChannelSave>;

/** An alert a channel gave up on, with the reason: shown, never dropped silently. */
export const UndeliveredView = z.object({
  /** The alert's key (kind, portal, task, run): unique among a channel's alerts. */
  key: z.string(),
  kind: AlertKind,
  portalId: z.string(),
  taskId: z.string().optional(),
  title: z.string(),
  reason: z.string(),
  at: EpochMs,
});
export type UndeliveredView = z.infer<typeof UndeliveredView>;

/** A channel as saved (never its secret) and how its deliveries stand. */
export const ChannelView = z.object({
  channel: ChannelConfig,
  /** Alerts in its outbox, not yet taken by the server. */
  waiting: z.number().int(),
  /** Why the last attempt failed while the outbox waits for its retry. */
  lastError: z.string().nullable(),
  nextAttemptAt: EpochMs.nullable(),
  undelivered: z.array(UndeliveredView),
});
export type ChannelView = z.infer<typeof ChannelView>;

/** A maintenance window, and until when it is open now (null: closed). */
export const MaintenanceView = MaintenanceWindow.extend({ openUntil: EpochMs.nullable() });
export type MaintenanceView = z.infer<typeof MaintenanceView>;

export const RoutingView = z.object({
  channels: z.array(ChannelView),
  mutes: z.array(Mute),
  maintenance: z.array(MaintenanceView),
});
export type RoutingView = z.infer<typeof RoutingView>;
