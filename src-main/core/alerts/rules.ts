import { portalStatuses, type AlertKind } from '../../contract/vocabulary';
import type { MonitorEvent } from '../monitor/events';
import { tasksRevision } from '../monitor/portal-cycle';
import { alertKindOfOutcome, runOutcome } from '../monitor/run-outcome';
import type { TaskStatus } from '../monitor/task-status';
import type { TaskSchedule } from '../schedule';
import type { PortalConfig } from '../store/config';
import type { Alert, CachedRun, CachedTask, PortalState } from '../store/state';
import { alertKey } from './alert-key';
import {
  failedRunText,
  overdueText,
  portalName,
  portalProblemText,
  ranAgainText,
  recoveredText,
  skippedRunText,
  stuckText,
  uncheckedRunsText,
  unreadableRunsText,
} from './messages';

export interface RuleInput {
  portal: PortalConfig;
  state: PortalState;
  /** What the poll just found. */
  events: MonitorEvent[];
  /** Each task's status after the poll (empty when the task list could not be read: stale tasks prove nothing). */
  statuses: Map<string, TaskStatus>;
  now: number;
  /** Per task overdue before this poll, when its episode's first missed run was due: a run since ends it. */
  overdueBefore?: Map<string, number>;
}

/** A run's record appears about 30 s after it began; a few minutes either side is the same occurrence. */
const OCCURRENCE_MATCH_MS = 5 * 60_000;
const MAX_COUNTED = 100_000;

/**
 * Everything worth telling the admin about one portal right now, each with a key that names the thing
 * itself (the run, the missed occurrence, the episode). The alert center drops keys it has raised
 * before, so these rules may say the same thing every poll without it being repeated.
 */
export function alertsFor({ portal, state, events, statuses, now, overdueBefore }: RuleInput): Alert[] {
  const name = portalName(portal.url, portal.label);
  const alert = (key: string, kind: AlertKind, text: { title: string; body: string }, ids: Partial<Alert> = {}): Alert => ({
    key,
    kind,
    portalId: portal.id,
    ...ids,
    ...text,
    createdAt: now,
  });
  const alerts: Alert[] = [];

  const { status, since, message } = state.health;
  const portalProblem = portalStatuses[status].problem;
  if (portalProblem && since !== null) {
    alerts.push(alert(alertKey('portal', portal.id, status, since), portalProblem, portalProblemText(name, portalProblem, message)));
  }

  const { mismatch } = state.zone;
  if (portal.timeZone && mismatch) {
    alerts.push(alert(alertKey('zone-mismatch', portal.id, portal.timeZone), 'zone-mismatch', portalProblemText(name, 'zone-mismatch', mismatch)));
  }

  for (const event of events) {
    if (event.type === 'run-seen' && event.news) {
      const kind = alertKindOfOutcome(runOutcome(event.run.status));
      const ids = { taskId: event.task.id, runId: event.run.id };
      const key = runAlertKey(kind ?? 'run', portal.id, event.task.id, event.run);
      if (kind === 'failed-run') alerts.push(alert(key, kind, failedRunText(name, event.task, event.run), ids));
      if (kind === 'skipped-run') alerts.push(alert(key, kind, skippedRunText(name, event.task, event.run), ids));
    }
    if (event.type === 'task-recovered') {
      const ids = { taskId: event.task.id, runId: event.run.id };
      alerts.push(alert(alertKey('recovered', portal.id, event.task.id, event.run.id), 'recovered', recoveredText(name, event.task, event.run), ids));
    }
    if (event.type === 'runs-unchecked') {
      const schedule = statuses.get(event.task.id)?.schedule;
      const count = event.count ?? (schedule ? occurrencesBetween(schedule, event.since, event.until) : null);
      if (count === 0) continue;
      const text = uncheckedRunsText(name, event.task, count, event.since, event.reason);
      alerts.push(alert(alertKey('runs-unchecked', portal.id, event.task.id, event.since), 'runs-unchecked', text, { taskId: event.task.id }));
    }
  }

  for (const finding of taskFindings(portal, name, state, statuses)) alerts.push({ ...finding, createdAt: now });
  const recoveredTasks = new Set(events.flatMap((event) => (event.type === 'task-recovered' ? [event.task.id] : [])));
  for (const [taskId, occurrence] of overdueBefore ?? []) {
    const task = state.tasks[taskId]?.task;
    const run = statuses.get(taskId)?.latestRun;
    // Ended by a successful run (a failed one is alerted as such); a failing task's recovery already says it ran.
    if (!task || !run || statuses.get(taskId)?.overdue || recoveredTasks.has(taskId) || runOutcome(run.status) !== 'success') continue;
    const ranAt = run.startedAt ?? run.created;
    if (ranAt === null || ranAt < occurrence - OCCURRENCE_MATCH_MS) continue;
    const key = alertKey('recovered', portal.id, taskId, 'overdue', occurrence);
    alerts.push(alert(key, 'recovered', ranAgainText(name, task, run), { taskId, runId: run.id }));
  }
  return alerts;
}

type Finding = Omit<Alert, 'createdAt'>;

/**
 * Worked out once per portal's tasks and statuses: TaskStatuses hands out the same map while every status
 * in it holds, and the tasks are the same while no poll looked at them (tasksRevision).
 */
const findingsMade = new WeakMap<Map<string, TaskStatus>, { name: string; revision: number; findings: Finding[] }>();

/** What the tasks' own state and conclusions call for, whatever the poll found: runs unreadable, overdue, stuck. */
function taskFindings(portal: PortalConfig, name: string, state: PortalState, statuses: Map<string, TaskStatus>): Finding[] {
  const revision = tasksRevision(state);
  const made = findingsMade.get(statuses);
  if (made && made.name === name && made.revision === revision) return made.findings;
  const findings: Finding[] = [];
  const finding = (key: string, kind: AlertKind, taskId: string, text: { title: string; body: string }) =>
    findings.push({ key, kind, portalId: portal.id, taskId, ...text });

  for (const [taskId, taskState] of Object.entries(state.tasks)) {
    const problem = taskState.runsProblem;
    if (!problem) continue;
    finding(alertKey('runs-unreadable', portal.id, taskId, problem.since), 'runs-unreadable', taskId, unreadableRunsText(name, taskState.task, problem.message));
  }

  for (const [taskId, taskStatus] of statuses) {
    const task: CachedTask | undefined = state.tasks[taskId]?.task;
    if (!task) continue;
    const { overdue, stuck } = taskStatus;
    if (overdue) finding(alertKey('overdue', portal.id, taskId, overdue.occurrence), 'overdue', taskId, overdueText(name, task, overdue.occurrence));
    if (stuck) {
      const text = stuckText(name, task, stuck.startedAt, stuck.runningForMs, stuck.thresholdMs);
      finding(alertKey('stuck', portal.id, taskId, stuck.startedAt), 'stuck', taskId, text);
    }
  }
  findingsMade.set(statuses, { name, revision, findings });
  return findings;
}

/** A finished run's alert key. Its time is part of it: a portal that reuses a run id for a new run is still heard. */
const runAlertKey = (kind: string, portalId: string, taskId: string, run: CachedRun) => alertKey(kind, portalId, taskId, run.id, run.created ?? 'undated');

/**
 * The keys of the problems open right now (the portal's, each task's current finding, a latest run that
 * failed or was skipped): what an alert held back, or one to remind of, is checked against.
 */
export function openProblemKeys(input: Omit<RuleInput, 'events' | 'overdueBefore'>): Set<string> {
  const keys = new Set(alertsFor({ ...input, events: [] }).map((alert) => alert.key));
  for (const [taskId, status] of input.statuses) {
    const kind = status.latestRun ? alertKindOfOutcome(runOutcome(status.latestRun.status)) : null;
    if (kind) keys.add(runAlertKey(kind, input.portal.id, taskId, status.latestRun!));
  }
  return keys;
}

/** Occurrences strictly between the last run processed and the oldest run still listed: the runs not checked. */
function occurrencesBetween(schedule: TaskSchedule, since: number, until: number | null): number | null {
  if (schedule.kind === 'unknown' || until === null) return null;
  let count = 0;
  for (let at = schedule.next(since + OCCURRENCE_MATCH_MS); at !== null && at < until - OCCURRENCE_MATCH_MS; at = schedule.next(at)) {
    if (++count >= MAX_COUNTED) break;
  }
  return count;
}
