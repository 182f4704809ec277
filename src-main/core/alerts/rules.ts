import type { MonitorEvent } from '../monitor/events';
import { isAlertableOutcome, runOutcome } from '../monitor/run-outcome';
import type { TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { Alert, PortalState } from '../store/state';
import { alertKey } from './alert-key';
import { failedRunText, overdueText, portalName, portalProblemText, recoveredText, stuckText } from './messages';

export interface RuleInput {
  portal: PortalConfig;
  state: PortalState;
  /** What the poll just found. */
  events: MonitorEvent[];
  /** Each task's status after the poll (empty when the poll failed: stale tasks prove nothing). */
  statuses: Map<string, TaskStatus>;
  now: number;
}

/**
 * Everything worth telling the admin about one portal right now, each with a key that names the thing
 * itself (the run, the missed occurrence, the outage episode). The alert center drops keys it has
 * raised before, so these rules may say the same thing every poll without it being repeated.
 */
export function alertsFor({ portal, state, events, statuses, now }: RuleInput): Alert[] {
  const name = portalName(portal.url, portal.label);
  const base = (key: string, kind: Alert['kind'], text: { title: string; body: string }, ids: Partial<Alert> = {}): Alert => ({
    key,
    kind,
    portalId: portal.id,
    ...ids,
    ...text,
    createdAt: now,
  });
  const alerts: Alert[] = [];

  const { status, since, message } = state.health;
  if ((status === 'unreachable' || status === 'auth-failed' || status === 'error') && since !== null) {
    const kind = status === 'unreachable' ? 'portal-unreachable' : status;
    alerts.push(base(alertKey('portal', portal.id, status, since), kind, portalProblemText(name, status, message)));
  }

  for (const event of events) {
    if (event.type === 'run-seen') {
      // First look at a portal or task: only its latest run may be news; older history is not replayed.
      const news = !event.baseline || event.latest;
      if (news && isAlertableOutcome(runOutcome(event.run.status))) {
        const ids = { taskId: event.task.id, runId: event.run.id };
        alerts.push(base(alertKey('run', portal.id, event.task.id, event.run.id), 'failed-run', failedRunText(name, event.task, event.run), ids));
      }
    }
    if (event.type === 'task-recovered') {
      const ids = { taskId: event.task.id, runId: event.run.id };
      alerts.push(base(alertKey('recovered', portal.id, event.task.id, event.run.id), 'recovered', recoveredText(name, event.task, event.run), ids));
    }
  }

  for (const [taskId, taskStatus] of statuses) {
    const task = state.tasks[taskId]?.task;
    if (!task) continue;
    const { overdue, stuck } = taskStatus;
    if (overdue) {
      alerts.push(base(alertKey('overdue', portal.id, taskId, overdue.occurrence), 'overdue', overdueText(name, task, overdue.occurrence), { taskId }));
    }
    if (stuck) {
      const text = stuckText(name, task, stuck.startedAt, stuck.runningForMs, stuck.thresholdMs);
      alerts.push(base(alertKey('stuck', portal.id, taskId, stuck.startedAt), 'stuck', text, { taskId }));
    }
  }
  return alerts;
}
