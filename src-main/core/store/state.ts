import { join } from 'node:path';
import { z } from 'zod';
import { PortalStatus, ProblemKind } from '../../contract/models';
import { loadJsonFile, saveJsonFile, type LoadResult } from './json-file';

const Epoch = z.number();

/** A completed run as remembered between starts (the full history is fetched on demand). */
export const CachedRun = z.object({
  id: z.string(),
  status: z.string(),
  result: z.string(),
  created: Epoch.nullable(),
  modified: Epoch.nullable(),
  startedAt: Epoch.nullable(),
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
  parameters: z.record(z.string(), z.unknown()),
});
export type CachedTask = z.infer<typeof CachedTask>;

export const TaskState = z.object({
  task: CachedTask,
  /** Newest first, a handful: enough for the outcome strip, stuck-run durations and instant start-up. */
  runs: z.array(CachedRun),
  /** Ids of runs already processed, newest first, bounded: the guard against alerting a run twice. */
  seenRunIds: z.array(z.string()),
  /** `total` of the runs resource when last read, for maxOccurrences. */
  runCount: z.number().nullable(),
  /** When Taskwatch saw this task switch from paused to active; a resumed task is not overdue for before. */
  activeSince: Epoch.nullable(),
  firstSeenAt: Epoch,
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

export const PortalState = z.object({
  /** False until the first successful poll: that one records history without replaying it as alerts. */
  baselined: z.boolean(),
  tasks: z.record(z.string(), TaskState),
  health: PortalHealthState,
});
export type PortalState = z.infer<typeof PortalState>;

export const AlertKind = z.union([ProblemKind, z.literal('recovered')]);
export type AlertKind = z.infer<typeof AlertKind>;

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

export const StateFile = z.object({
  version: z.literal(1),
  portals: z.record(z.string(), PortalState),
  /** Alert keys already raised, with when: persisted so a restart neither repeats nor loses one. */
  alerted: z.record(z.string(), Epoch),
  outbox: z.array(Alert),
});
export type StateFile = z.infer<typeof StateFile>;

export const emptyState = (): StateFile => ({ version: 1, portals: {}, alerted: {}, outbox: [] });

export const emptyPortalHealth = (): PortalHealthState => ({
  status: 'pending',
  message: null,
  since: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  consecutiveFailures: 0,
});

export const statePath = (home: string) => join(home, 'state.json');

export function loadState(home: string, now: number): Promise<LoadResult<StateFile>> {
  return loadJsonFile(statePath(home), StateFile, emptyState, now);
}

export function saveState(home: string, state: StateFile): Promise<void> {
  return saveJsonFile(statePath(home), state, { readable: false });
}
