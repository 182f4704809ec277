/**
 * Where alerts go beyond the desktop and when they are held: email and chat channels, mutes and
 * maintenance windows. Saved in config.json (never a secret: those are in the keychain) and edited from
 * the window and the CLI alike, so the schemas live in the contract.
 */
import { z } from 'zod';
import { TimeZone } from './time-zone';
import { Clock, EpochMs, ReminderHours } from './models';
import { AlertKind, Severity } from './vocabulary';

/** How a channel reaches the admin. Teams and Slack are incoming webhooks with their own payload shapes. */
export const ChannelKind = z.enum(['email', 'teams', 'slack', 'webhook']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** A channel's name doubles as its id (CLI argument, keychain account, outbox key): short and plain. */
export const ChannelName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'A channel name is 1 to 40 letters, digits, "-" or "_", starting with a letter or digit.');

const common = {
  name: ChannelName,
  /** The kinds of alert this channel gets; every kind when not chosen. `recovered` switches recovery notices. */
  alertKinds: z.array(AlertKind).min(1).default(() => [...AlertKind.options]),
  /** The least urgent problem this channel gets (recovery notices follow the problem they end). */
  minSeverity: Severity.default('info'),
  /** Sends a problem still open again after this many hours; null (the default): never. */
  remindEveryHours: ReminderHours.nullable().default(null),
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

/**
 * A task, or a whole portal (`taskId` null), whose alerts are recorded but sent nowhere (desktop or
 * channel) until a time, or until it is healthy again (then the mute ends by itself).
 */
export const Mute = z.object({
  id: z.string().min(1),
  portalId: z.string().min(1),
  taskId: z.string().min(1).nullable().default(null),
  until: z.discriminatedUnion('kind', [z.object({ kind: z.literal('time'), at: EpochMs }), z.object({ kind: z.literal('recovery') })]),
  createdAt: EpochMs,
  reason: z.string().max(200).default(''),
});
export type Mute = z.infer<typeof Mute>;

/** A wall-clock date and time in the window's zone, e.g. 2026-11-28T22:00. */
const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'use YYYY-MM-DDTHH:MM');
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** When a maintenance window is open, always read in the window's own zone. */
export const MaintenanceWhen = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), start: LocalDateTime, end: LocalDateTime }),
  /** Every listed weekday from `start` to `end`; an end before the start runs past midnight. */
  z.object({ kind: z.literal('weekly'), days: z.array(Weekday).min(1), start: Clock, end: Clock }),
  /** Opens at each fire time of a Quartz cron expression and stays open this long. */
  z.object({ kind: z.literal('cron'), cron: z.string().min(1), durationMinutes: z.number().int().min(1).max(7 * 24 * 60) }),
]);
export type MaintenanceWhen = z.infer<typeof MaintenanceWhen>;

/**
 * A portal's planned downtime: its problems are recorded but not sent while the window is open; what is
 * still wrong when it closes is sent once.
 */
export const MaintenanceWindow = z.object({
  id: z.string().min(1),
  portalId: z.string().min(1),
  label: z.string().max(100).default(''),
  timeZone: TimeZone,
  when: MaintenanceWhen,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

/** What the window or the CLI sends to mute something; the id and the time are the service's. */
export const MuteInput = Mute.omit({ id: true, createdAt: true });
export type MuteInput = z.input<typeof MuteInput>;

/** What the window or the CLI sends to declare a maintenance window; the id is the service's. */
export const MaintenanceInput = MaintenanceWindow.omit({ id: true });
export type MaintenanceInput = z.input<typeof MaintenanceInput>;
