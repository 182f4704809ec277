/**
 * The data Taskwatch shows: what crosses IPC to the renderer and what the CLI prints.
 * zod only (no Node, no DOM) so main, preload, renderer and CLI share one definition.
 * Nothing here may ever carry a password or a token.
 */
import { z } from 'zod';
import { AlertKind, PortalStatus, ProblemKind, RunOutcome, TaskHealth } from './vocabulary';

export { AlertKind, PortalStatus, ProblemKind, RunOutcome, TaskHealth } from './vocabulary';

/** Epoch milliseconds; `null` where the portal did not say. */
export const EpochMs = z.number().int();

export const PortalHealth = z.object({
  status: PortalStatus,
  /** The portal's or the network's own words, secrets removed. */
  message: z.string().nullable(),
  lastSuccessAt: EpochMs.nullable(),
  lastAttemptAt: EpochMs.nullable(),
  nextPollAt: EpochMs.nullable(),
});
export type PortalHealth = z.infer<typeof PortalHealth>;

export const PortalView = z.object({
  /** Stable key: the normalised base URL, e.g. `https://gis.example.com/portal`. */
  id: z.string(),
  url: z.string(),
  label: z.string(),
  adminUrl: z.string(),
  username: z.string(),
  /** The zone its schedules are read in: configured, learnt from its task times, or not known yet (then UTC). */
  timeZone: z.string(),
  timeZoneSource: z.enum(['configured', 'learnt', 'unknown']),
  /** Why the zone is what it is, or what contradicts it (a configured zone the portal's task times do not fit). */
  timeZoneNote: z.string().nullable(),
  fingerprint: z.string().nullable(),
  pollIntervalSeconds: z.number().int().positive().nullable(),
  health: PortalHealth,
});
export type PortalView = z.infer<typeof PortalView>;

export const RunView = z.object({
  id: z.string(),
  /** The portal's word, kept as-is (`succeeded`, `failed`, or something new). */
  status: z.string(),
  outcome: RunOutcome,
  /**
   * When the run started: only where Taskwatch saw it (the task's `lastStart` while this run was the
   * newest), never the task copy embedded in the run, which the portal fills with the task as it is now.
   */
  startedAt: EpochMs.nullable(),
  created: EpochMs.nullable(),
  modified: EpochMs.nullable(),
  /** From `startedAt` to `modified` (or `created`): null unless the start was seen. */
  durationMs: z.number().nullable(),
  result: z.string(),
});
export type RunView = z.infer<typeof RunView>;

/**
 * A task as the task table lists it: what a row shows, sorts and searches. The snapshot carries one per
 * task, so it stays small (10,000 tasks cross IPC at every change); the rest comes with `getTask`.
 */
export const TaskSummary = z.object({
  portalId: z.string(),
  id: z.string(),
  title: z.string(),
  /** `CreateBackup`, `CleanGPJobs`, ... or whatever new word the portal sends. */
  taskType: z.string(),
  /** The portal's own `taskState` word (`active`, `paused`, or new ones). */
  state: z.string(),
  active: z.boolean(),
  cron: z.string().nullable(),
  /** The schedule in words, or `unknown schedule`. */
  schedule: z.string(),
  /** The zone the portal runs its schedule in. */
  timeZone: z.string(),
  nextRun: EpochMs.nullable(),
  lastStart: EpochMs.nullable(),
  /** The latest run, with its result (the table's search reads it, the CLI and exports print it). */
  lastRun: RunView.nullable(),
  /** The latest runs' outcomes, newest first, for the outcome strip (a few, not the history). */
  recentOutcomes: z.array(RunOutcome),
  health: TaskHealth,
  /** Why the health is what it is, in one sentence (empty when ok). */
  healthMessage: z.string(),
  /** What Taskwatch could not read or had to doubt about this task (runs without id, dates in the future...). */
  notes: z.array(z.string()),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

/** A task with everything the task detail shows. */
export const TaskView = TaskSummary.extend({
  /** The latest runs in full, newest first (a few, not the history). */
  recentRuns: z.array(RunView),
  /** Task parameters with secrets (passcodes, passwords, keys) masked. */
  parameters: z.record(z.string(), z.unknown()),
  /** The task's page in the portal's admin directory. */
  adminPageUrl: z.string(),
});
export type TaskView = z.infer<typeof TaskView>;

/** Something an admin should act on now, as `taskwatch check` and the window list it. */
export const Problem = z.object({
  portal: z.string(),
  taskId: z.string().optional(),
  runId: z.string().optional(),
  kind: ProblemKind,
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

/** How often a problem still open is told again; null (the default): never. */
export const ReminderHours = z.number().positive().max(24 * 30);

/** A wall-clock time of day: quiet hours, maintenance windows. */
export const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour');

export const Settings = z.object({
  pollIntervalSeconds: z.number().int().min(10).max(86_400).default(60),
  notify: z
    .object({
      failedRuns: z.boolean().default(true),
      overdue: z.boolean().default(true),
      stuck: z.boolean().default(true),
      recovered: z.boolean().default(false),
      portalProblems: z.boolean().default(true),
    })
    .prefault({}),
  /** Notifications held back between these local times; the window still shows everything. */
  quietHours: z
    .object({ enabled: z.boolean().default(false), start: Clock.default('22:00'), end: Clock.default('07:00') })
    .prefault({}),
  startAtLogin: z.boolean().default(false),
  /** Desktop reminders of a problem still open (channels have their own interval). */
  remindEveryHours: ReminderHours.nullable().default(null),
  /** Snooze from the tray: no OS notification before this time. */
  notificationsPausedUntil: EpochMs.nullable().default(null),
});
export type Settings = z.infer<typeof Settings>;

/**
 * A change to some settings. Deliberately without defaults: `Settings.partial()` would fill every
 * missing field with its default and so silently reset what the admin did not touch.
 */
export const SettingsPatch = z
  .object({
    pollIntervalSeconds: z.number().int().min(10).max(86_400),
    notify: z
      .object({ failedRuns: z.boolean(), overdue: z.boolean(), stuck: z.boolean(), recovered: z.boolean(), portalProblems: z.boolean() })
      .partial()
      .strict(),
    quietHours: z.object({ enabled: z.boolean(), start: Clock, end: Clock }).partial().strict(),
    startAtLogin: z.boolean(),
    remindEveryHours: ReminderHours.nullable(),
    notificationsPausedUntil: EpochMs.nullable(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The settings with a patch applied; nested groups are merged, not replaced. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return Settings.parse({
    ...settings,
    ...patch,
    notify: { ...settings.notify, ...patch.notify },
    quietHours: { ...settings.quietHours, ...patch.quietHours },
  });
}

/** Everything the window needs to draw itself, in one piece. */
export const Snapshot = z.object({
  revision: z.number().int(),
  portals: z.array(PortalView),
  tasks: z.array(TaskSummary),
  problems: z.array(Problem),
  settings: Settings,
  /** Things the admin should know that are not about one portal, e.g. a config file that was kept aside. */
  notices: z.array(z.string()),
  /**
   * Alerts the OS would not show however often they were retried (see core/alerts/delivery.ts), newest
   * first: never dropped silently. Each is also summed up in `notices`.
   */
  undelivered: z.array(
    z.object({ portalId: z.string(), taskId: z.string().optional(), kind: AlertKind, title: z.string(), body: z.string(), raisedAt: EpochMs }),
  ),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const TaskRef = z.object({ portalId: z.string().min(1), taskId: z.string().min(1) });
export type TaskRef = z.infer<typeof TaskRef>;
