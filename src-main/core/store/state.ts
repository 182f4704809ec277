import { z } from 'zod';
import { AlertKind, PortalStatus } from '../../contract/vocabulary';
import { redactSecrets } from '../redact';

const Epoch = z.number();

/** A run as remembered between starts (the full history is fetched on demand). */
export const CachedRun = z.object({
  id: z.string(),
  status: z.string(),
  result: z.string(),
  created: Epoch.nullable(),
  modified: Epoch.nullable(),
  /** When the run began, where Taskwatch saw it: the task's `lastStart` while this run was its newest. */
  startedAt: Epoch.nullable(),
  /** When Taskwatch first listed it (null for history found on a first look): orders undated runs. */
  seenAt: Epoch.nullable().default(null),
});
export type CachedRun = z.infer<typeof CachedRun>;

/** The task as last seen, so the window has something true to show the moment it opens. */
export const CachedTask = z.object({
  id: z.string(),
  title: z.string(),
  taskType: z.string(),
  type: z.string(),
  state: z.string(),
  active: z.boolean(),
  cronExpression: z.string().nullable(),
  cronSchedule: z.record(z.string(), z.string()).nullable(),
  runIntervalSeconds: z.number().nullable(),
  startDate: Epoch.nullable(),
  maxOccurrences: z.number().nullable(),
  lastStart: Epoch.nullable(),
  created: Epoch.nullable(),
  updated: Epoch.nullable(),
  generation: z.number().nullable(),
  /** Secrets masked (core/redact.ts): also those a file written before Taskwatch masked them still holds. */
  parameters: z.record(z.string(), z.unknown()).transform((parameters) => redactSecrets(parameters) as Record<string, unknown>),
});
export type CachedTask = z.infer<typeof CachedTask>;

/**
 * What Taskwatch has already processed of a task's runs, so that no old run is ever news, however the
 * portal pages (or ignores paging) and however long Taskwatch was away. See monitor/run-ledger.ts.
 */
export const RunLedger = z.object({
  /** The newest trustworthy `created` among finished runs processed: runs well before it are history. */
  through: Epoch.nullable(),
  /** `[runId, created]` of finished runs processed near `through`, or undated: news and history told apart there. */
  recent: z.array(z.tuple([z.string(), Epoch.nullable()])),
  /** `[runId, seenAt]` of runs listed while still in progress: their end is news even once `through` passed them. */
  open: z.array(z.tuple([z.string(), Epoch])),
});
export type RunLedger = z.infer<typeof RunLedger>;

/** Why a task's runs could not be read, since when: one alert per episode. */
export const RunsProblem = z.object({ message: z.string(), since: Epoch });
export type RunsProblem = z.infer<typeof RunsProblem>;

/** Runs that outlast the next start, still awaited (monitor/outrun.ts): from `since`, `starts` seen, `listed` since. */
export const Outrun = z.object({ since: Epoch, starts: z.number().int(), listed: z.number().int() });
export type Outrun = z.infer<typeof Outrun>;

export const TaskState = z.object({
  task: CachedTask,
  /** Newest first, a handful: enough for the outcome strip, durations and instant start-up. */
  runs: z.array(CachedRun),
  ledger: RunLedger,
  /** `total` of the runs resource when last read, for maxOccurrences. */
  runCount: z.number().nullable(),
  /** When Taskwatch saw this task switch from paused to active; a resumed task is not overdue for before. */
  activeSince: Epoch.nullable(),
  firstSeenAt: Epoch,
  /** When its runs were last read completely. */
  runsReadAt: Epoch.nullable(),
  runsProblem: RunsProblem.nullable(),
  /** What could not be read, or had to be doubted, on the last read (runs without id, future dates...). */
  notes: z.array(z.string()),
  outrun: Outrun.nullable().default(null),
});
export type TaskState = z.infer<typeof TaskState>;

export const PortalHealthState = z.object({
  status: PortalStatus,
  message: z.string().nullable(),
  /** Start of the current status episode: one alert per episode, across restarts. */
  since: Epoch.nullable(),
  lastSuccessAt: Epoch.nullable(),
  lastAttemptAt: Epoch.nullable(),
  consecutiveFailures: z.number().int().default(0),
});
export type PortalHealthState = z.infer<typeof PortalHealthState>;

/** What the portal's own data says about its schedule zone (core/monitor/portal-zone.ts). */
export const PortalZone = z.object({
  /** The zone learnt, kept once learnt even if a later list tells nothing. */
  learnt: z.string().nullable(),
  /** From its tasks' epoch start times (preferred), or from when new runs appeared (zone-less dates only). */
  learntBy: z.enum(['task-times', 'new-runs']).nullable().default(null),
  summary: z.string().nullable(),
  /** A configured zone the task times contradict, in one sentence; null when they agree or tell nothing. */
  mismatch: z.string().nullable(),
  /** The portal's epoch start times fit every whole-hour zone alike (only hourly tasks ran): hourly schedules are judged in any. */
  wholeHours: z.boolean().default(false),
  /** The portal writes its runs' dates as zone-less text: a change of zone moves them. */
  textRunDates: z.boolean().default(false),
  /** `[created read as UTC, first seen, longest possible age]` of recent new runs with zone-less dates. */
  observations: z.array(z.tuple([Epoch, Epoch, Epoch])).default([]),
});
export type PortalZone = z.infer<typeof PortalZone>;

export const emptyPortalZone = (): PortalZone => ({ learnt: null, learntBy: null, summary: null, mismatch: null, wholeHours: false, textRunDates: false, observations: [] });

export const PortalState = z.object({
  /** False until the first successful poll: that one records history without replaying it as alerts. */
  baselined: z.boolean(),
  tasks: z.record(z.string(), TaskState),
  health: PortalHealthState,
  zone: PortalZone.default(emptyPortalZone),
});
export type PortalState = z.infer<typeof PortalState>;

/** One thing to tell the admin, waiting in the outbox until a notification could be handed over. */
export const Alert = z.object({
  key: z.string(),
  kind: AlertKind,
  portalId: z.string(),
  taskId: z.string().optional(),
  runId: z.string().optional(),
  title: z.string(),
  body: z.string(),
  createdAt: Epoch,
});
export type Alert = z.infer<typeof Alert>;

/** Why the outbox is still waiting: the OS did not take its notification (see alerts/delivery.ts). */
export const DeliveryRetry = z.object({ failingSince: Epoch, failures: z.number().int(), nextAttemptAt: Epoch });
export type DeliveryRetry = z.infer<typeof DeliveryRetry>;

/** An alert a channel gave up on, and the last reason it failed (safe words: never a secret). */
export const UndeliveredAlert = z.object({ alert: Alert, reason: z.string(), at: Epoch });
export type UndeliveredAlert = z.infer<typeof UndeliveredAlert>;

/** One channel's deliveries (core/channels/channel-center.ts): oldest first, retried, then given up visibly. */
export const ChannelQueue = z.object({
  outbox: z.array(Alert).default([]),
  delivery: DeliveryRetry.nullable().default(null),
  /** Why the last attempt failed, while the outbox waits for its retry. */
  lastError: z.string().nullable().default(null),
  /** Newest first, a bounded number. */
  undelivered: z.array(UndeliveredAlert).default([]),
});
export type ChannelQueue = z.infer<typeof ChannelQueue>;

export const emptyChannelQueue = (): ChannelQueue => ({ outbox: [], delivery: null, lastError: null, undelivered: [] });

/** Who an alert went to: a channel by its name, or the desktop (a name no channel can have). */
export const DESKTOP = '@desktop';

/** An alert raised while a mute or a maintenance window held it: sent when that ends, if still open. */
export const HeldAlert = z.object({
  alert: Alert,
  during: z.enum(['mute', 'maintenance']),
  /** For a recovery notice: who heard the problem it ends, decided when it was raised. */
  audience: z.array(z.string()).nullable().default(null),
});
export type HeldAlert = z.infer<typeof HeldAlert>;

/** A problem sent, and when each audience (channel name or DESKTOP) last got it: for recoveries and reminders. */
export const ToldProblem = z.object({ alert: Alert, lastSentAt: z.record(z.string(), Epoch) });
export type ToldProblem = z.infer<typeof ToldProblem>;

/** What core/routing keeps between starts: alerts held back, and who was told of which open problem. */
export const RoutingState = z.object({
  held: z.array(HeldAlert).default([]),
  /** By alert key. */
  told: z.record(z.string(), ToldProblem).default({}),
});
export type RoutingState = z.infer<typeof RoutingState>;
export const emptyRoutingState = (): RoutingState => ({ held: [], told: {} });

/** What Taskwatch keeps besides the portals' own state: alerts raised, and what is still to be shown or sent. */
const GlobalState = z.object({
  /** Alert keys already raised, with when: persisted so a restart neither repeats nor loses one. */
  alerted: z.record(z.string(), Epoch),
  outbox: z.array(Alert),
  /** Keys of outbox alerts already handed on (`watch --json` printed them): retries show them again, never print. */
  announced: z.array(z.string()).default([]),
  delivery: DeliveryRetry.nullable().default(null),
  /** Alerts given up on after retrying, newest first, for the window: never dropped silently. */
  undelivered: z.array(Alert).default([]),
  /** Per channel name: what email and chat still have to send (files from before channels load with none). */
  channels: z.record(z.string(), ChannelQueue).default({}),
  routing: RoutingState.default(emptyRoutingState),
});

/** The whole state, as Taskwatch holds it (stored as state-store.ts says). */
export const StateFile = GlobalState.extend({
  version: z.literal(3),
  portals: z.record(z.string(), PortalState),
});
export type StateFile = z.infer<typeof StateFile>;

export const emptyState = (): StateFile => ({ version: 3, portals: {}, alerted: {}, outbox: [], announced: [], delivery: null, undelivered: [], channels: {}, routing: emptyRoutingState() });

/** state.json from version 3 on: all but the portals, each of which has a file of its own (PortalFile). */
export const GlobalFile = GlobalState.extend({ version: z.literal(3) });
export type GlobalFile = z.infer<typeof GlobalFile>;

/** One portal's state, in a file of its own: written only when that portal changed. */
export const PortalFile = z.object({ version: z.literal(3), portalId: z.string(), state: PortalState });
export type PortalFile = z.infer<typeof PortalFile>;

/** state.json of version 2: everything in one file, rewritten whole at every save. */
export const StateFileV2 = GlobalState.extend({ version: z.literal(2), portals: z.record(z.string(), PortalState) });

export const emptyPortalHealth = (): PortalHealthState => ({
  status: 'pending',
  message: null,
  since: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  consecutiveFailures: 0,
});
