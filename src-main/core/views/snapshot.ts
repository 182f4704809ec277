import type { PortalView, Problem, Settings, Snapshot, TaskRef, TaskSummary, TaskView } from '../../contract/models';
import { portalStatuses, problemOfHealth } from '../../contract/vocabulary';
import type { TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { Alert, PortalState, TaskState } from '../store/state';
import { portalName } from '../alerts/messages';
import { maskSecrets } from './mask-secrets';
import { portalZone } from '../monitor/portal-zone';
import { tasksRevision } from '../monitor/portal-cycle';
import { runView } from './run-view';
import { runOutcome } from '../monitor/run-outcome';
import { taskPageUrl } from './task-page';

export interface SnapshotInput {
  revision: number;
  portals: PortalConfig[];
  states: Record<string, PortalState>;
  /** Task statuses by portal id, then task id. */
  statuses: Map<string, Map<string, TaskStatus>>;
  nextPollAt: (portalId: string) => number | null;
  settings: Settings;
  notices: string[];
  /** Alerts the OS never took, newest first. */
  undelivered: Alert[];
}

/** The whole picture for the window and the CLI: what was seen, plus what Taskwatch concludes from it. */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const portals = input.portals.map((portal) => portalView(portal, input.states[portal.id], input.nextPollAt(portal.id)));
  // concat, not flatMap: 60,000 rows took flatMap ~6 ms, concat well under 1.
  const tasks = ([] as TaskSummary[]).concat(...input.portals.map((portal) => portalRows(portal, input.states[portal.id], input.statuses.get(portal.id))));
  const undelivered = input.undelivered.map(({ portalId, taskId, kind, title, body, createdAt }) => ({
    portalId, ...(taskId ? { taskId } : {}), kind, title, body, raisedAt: createdAt,
  }));
  const notices = undelivered.length === 0 ? input.notices : [...input.notices, undeliveredNotice(undelivered.map((alert) => alert.title))];
  return { revision: input.revision, portals, tasks, problems: problemsOf(portals, tasks), settings: input.settings, notices, undelivered };
}

/**
 * A portal's rows with what they were made from. TaskStatuses keeps a portal's map of statuses while
 * every status in it holds (their tasks, runs and notes the same objects), so the same map in the same
 * zone, with no poll of the portal's tasks since (tasksRevision), gives the same rows: a snapshot of many
 * portals of which few changed builds few.
 */
const rowsMade = new WeakMap<Map<string, TaskStatus>, { timeZone: string; revision: number; rows: TaskSummary[] }>();

function portalRows(portal: PortalConfig, portalState: PortalState | undefined, statuses: Map<string, TaskStatus> | undefined): TaskSummary[] {
  const timeZone = portalZone(portal, portalState).zone;
  const revision = portalState ? tasksRevision(portalState) : 0;
  const made = statuses && rowsMade.get(statuses);
  if (made && made.timeZone === timeZone && made.revision === revision) return made.rows;
  const rows = Object.values(portalState?.tasks ?? {}).flatMap((state) => {
    const status = statuses?.get(state.task.id);
    return status ? [taskSummary(portal, timeZone, state, status)] : [];
  });
  if (statuses) rowsMade.set(statuses, { timeZone, revision, rows });
  return rows;
}

/** Alerts the OS would not show are said in the window, so none is lost unseen. */
function undeliveredNotice(titles: string[]): string {
  const shown = titles.slice(0, 3).join('; ') + (titles.length > 3 ? `; and ${titles.length - 3} more` : '');
  return `Not delivered: ${titles.length} alert(s) could not be shown as desktop notifications, even after retrying for an hour: ${shown}.`;
}

/** One task in full, for its detail; undefined when the task is not known (or not concluded about yet). */
export function buildTaskView(input: Pick<SnapshotInput, 'portals' | 'states' | 'statuses'>, ref: TaskRef): TaskView | undefined {
  const portal = input.portals.find((candidate) => candidate.id === ref.portalId);
  const state = input.states[ref.portalId]?.tasks[ref.taskId];
  const status = input.statuses.get(ref.portalId)?.get(ref.taskId);
  if (!portal || !state || !status) return undefined;
  const summary = taskSummary(portal, portalZone(portal, input.states[portal.id]).zone, state, status);
  return {
    ...summary,
    recentRuns: state.runs.map(runView),
    parameters: maskSecrets(state.task.parameters) as Record<string, unknown>,
    adminPageUrl: taskPageUrl(portal.adminUrl, state.task.id),
  };
}

export function portalView(portal: PortalConfig, state: PortalState | undefined, nextPollAt: number | null): PortalView {
  const health = state?.health;
  const zone = portalZone(portal, state);
  return {
    id: portal.id,
    url: portal.url,
    label: portalName(portal.url, portal.label),
    adminUrl: portal.adminUrl,
    username: portal.username,
    timeZone: zone.zone,
    timeZoneSource: zone.source,
    timeZoneNote: zone.note,
    fingerprint: portal.fingerprint,
    pollIntervalSeconds: portal.pollIntervalSeconds,
    health: {
      status: health?.status ?? 'pending',
      message: health?.message ?? null,
      lastSuccessAt: health?.lastSuccessAt ?? null,
      lastAttemptAt: health?.lastAttemptAt ?? null,
      nextPollAt,
    },
  };
}

function taskSummary(portal: PortalConfig, timeZone: string, state: TaskState, status: TaskStatus): TaskSummary {
  const { task, runs } = state;
  return {
    portalId: portal.id,
    id: task.id,
    title: task.title,
    taskType: task.taskType,
    state: task.state,
    active: task.active,
    cron: status.schedule.cron,
    schedule: status.schedule.description,
    timeZone,
    nextRun: status.nextRun,
    lastStart: task.lastStart,
    lastRun: runs[0] ? runView(runs[0]) : null,
    recentOutcomes: runs.map((run) => runOutcome(run.status)),
    health: status.health,
    healthMessage: status.healthMessage,
    notes: state.notes,
  };
}

/** What needs acting on now: broken portals first, then tasks, each kind as the vocabulary names it. */
export function problemsOf(portals: PortalView[], tasks: TaskSummary[]): Problem[] {
  const problems: Problem[] = [];
  for (const portal of portals) {
    const kind = portalStatuses[portal.health.status].problem;
    if (kind) problems.push({ portal: portal.url, kind, message: portal.health.message ?? portal.health.status });
    if (portal.timeZoneSource === 'configured' && portal.timeZoneNote) problems.push({ portal: portal.url, kind: 'zone-mismatch', message: portal.timeZoneNote });
  }
  const urlOf = new Map(portals.map((portal) => [portal.id, portal.url]));
  for (const task of tasks) {
    const kind = problemOfHealth(task.health);
    if (!kind) continue;
    const portal = urlOf.get(task.portalId) ?? task.portalId;
    const runId = kind === 'failed-run' || kind === 'skipped-run' ? task.lastRun?.id : undefined;
    problems.push({ portal, taskId: task.id, ...(runId ? { runId } : {}), kind, message: `${task.title}: ${task.healthMessage}` });
  }
  return problems;
}
