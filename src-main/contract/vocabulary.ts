/**
 * Taskwatch's words, declared once: what a run's status means, a task's health, the kinds of problem
 * and alert, and which of them an admin must act on. Everything else (rules, snapshot, CLI, tray,
 * window, settings) derives from these tables, so a new word is one entry here plus its behaviour;
 * the compiler then points at every `Record<...>` that still lacks it.
 */
import { z } from 'zod';

/** What a run's free-form `status` word means. Unknown words stay visible as sent; see run-outcome.ts. */
export const RunOutcome = z.enum(['success', 'failure', 'skipped', 'in-progress', 'unknown']);
export type RunOutcome = z.infer<typeof RunOutcome>;

/** Which notification switch in Settings governs a kind of alert. */
/** `overdue` covers every run that did not happen: overdue and skipped (its name predates `skipped`). */
export const NotifySwitch = z.enum(['failedRuns', 'overdue', 'stuck', 'recovered', 'portalProblems']);
export type NotifySwitch = z.infer<typeof NotifySwitch>;

/**
 * How urgent an alert is, worst first; a channel takes alerts from its minimum severity up.
 * `critical`: a run failed or did not happen; `warning`: Taskwatch cannot see (part of) a portal, or a run
 * hangs; `info`: good news.
 */
export const Severity = z.enum(['critical', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;
/** 0 = most urgent. */
export const severityRank = (severity: Severity): number => Severity.options.indexOf(severity);

interface ProblemKindInfo {
  /** A problem of one task, or of the whole portal (or Taskwatch's view of it). */
  scope: 'task' | 'portal';
  /** The Settings switch that lets its alerts through. */
  notify: NotifySwitch;
  severity: Severity;
}

/** Everything an admin should act on. Order: how the CLI and the window list them. */
export const problemKinds = {
  'portal-unreachable': { scope: 'portal', notify: 'portalProblems', severity: 'critical' },
  'auth-failed': { scope: 'portal', notify: 'portalProblems', severity: 'critical' },
  'no-password': { scope: 'portal', notify: 'portalProblems', severity: 'warning' },
  error: { scope: 'portal', notify: 'portalProblems', severity: 'warning' },
  /** The portal's tasks say its schedules run in another zone than the one configured. */
  'zone-mismatch': { scope: 'portal', notify: 'portalProblems', severity: 'warning' },
  'failed-run': { scope: 'task', notify: 'failedRuns', severity: 'critical' },
  /** The task's runs could not be read: Taskwatch is blind for it until they can. */
  'runs-unreadable': { scope: 'task', notify: 'portalProblems', severity: 'warning' },
  /** Runs that happened while Taskwatch could not look, and can no longer be read. */
  'runs-unchecked': { scope: 'task', notify: 'failedRuns', severity: 'warning' },
  'skipped-run': { scope: 'task', notify: 'overdue', severity: 'critical' },
  overdue: { scope: 'task', notify: 'overdue', severity: 'critical' },
  stuck: { scope: 'task', notify: 'stuck', severity: 'warning' },
} as const satisfies Record<string, ProblemKindInfo>;

export type ProblemKind = keyof typeof problemKinds;
export const ProblemKind = z.enum(Object.keys(problemKinds) as [ProblemKind, ...ProblemKind[]]);

/** An alert is a problem, or the good news that a failing task succeeded again. */
export const alertKinds = { ...problemKinds, recovered: { scope: 'task', notify: 'recovered', severity: 'info' } } as const;
export type AlertKind = keyof typeof alertKinds;
export const AlertKind = z.enum(Object.keys(alertKinds) as [AlertKind, ...AlertKind[]]);

interface TaskHealthInfo {
  /** The problem this health is, or null when it needs no action. */
  problem: ProblemKind | null;
}

/**
 * A task's health, the one word an admin scans for, worst first: the order is the tray's and the
 * table's default order. `unknown-schedule`: the schedule cannot be read, so no overdue check runs.
 */
export const taskHealths = {
  failed: { problem: 'failed-run' },
  unreadable: { problem: 'runs-unreadable' },
  stuck: { problem: 'stuck' },
  overdue: { problem: 'overdue' },
  skipped: { problem: 'skipped-run' },
  'unknown-schedule': { problem: null },
  running: { problem: null },
  paused: { problem: null },
  ok: { problem: null },
} as const satisfies Record<string, TaskHealthInfo>;

export type TaskHealth = keyof typeof taskHealths;
export const TaskHealth = z.enum(Object.keys(taskHealths) as [TaskHealth, ...TaskHealth[]]);

/** Task healths in order, worst first. */
export const TASK_HEALTH_ORDER = TaskHealth.options;

export const isProblemHealth = (health: TaskHealth): boolean => taskHealths[health].problem !== null;
/** The healths an admin must act on, worst first. */
export const PROBLEM_HEALTHS: readonly TaskHealth[] = TASK_HEALTH_ORDER.filter(isProblemHealth);
export const problemOfHealth = (health: TaskHealth): ProblemKind | null => taskHealths[health].problem;
/** 0 = worst. */
export const healthRank = (health: TaskHealth): number => TASK_HEALTH_ORDER.indexOf(health);

/**
 * How one portal answered its last poll. `partial`: the task list was read but some tasks' runs were
 * not; `no-password`: the keychain holds no password for it. `pending` until the first poll finishes.
 */
export const portalStatuses = {
  pending: { problem: null },
  ok: { problem: null },
  partial: { problem: null },
  unreachable: { problem: 'portal-unreachable' },
  'auth-failed': { problem: 'auth-failed' },
  'no-password': { problem: 'no-password' },
  error: { problem: 'error' },
} as const satisfies Record<string, { problem: ProblemKind | null }>;

export type PortalStatus = keyof typeof portalStatuses;
export const PortalStatus = z.enum(Object.keys(portalStatuses) as [PortalStatus, ...PortalStatus[]]);

/** The portal could not be polled at all (its tasks on show are the last known ones). */
export const isPortalDown = (status: PortalStatus): boolean => portalStatuses[status].problem !== null;
