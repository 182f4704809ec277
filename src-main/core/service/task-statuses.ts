import { taskStatus, type TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { PortalState, StateFile, TaskState } from '../store/state';
import { portalZone } from '../monitor/portal-zone';

/** Each task's conclusions (health, next run, overdue, stuck), by portal then task, recomputed after each poll. */
export class TaskStatuses {
  readonly byPortal = new Map<string, Map<string, TaskStatus>>();

  constructor(private readonly state: StateFile) {}

  /** Recomputes one portal's statuses at `now` and keeps them for the snapshot. */
  refresh(portal: PortalConfig, now: number): Map<string, TaskStatus> {
    const byTask = new Map<string, TaskStatus>();
    const portalState = this.state.portals[portal.id];
    for (const taskState of Object.values(portalState?.tasks ?? {})) {
      byTask.set(taskState.task.id, statusOf(portal, portalState, taskState, now));
    }
    this.byPortal.set(portal.id, byTask);
    return byTask;
  }
}

export function statusOf(portal: PortalConfig, portalState: PortalState | undefined, taskState: TaskState, now: number): TaskStatus {
  const graceMinutes = portal.tasks[taskState.task.id]?.graceMinutes;
  const zone = portalZone(portal, portalState);
  return taskStatus(taskState, { zone: zone.zone, known: zone.source !== 'unknown' }, now, graceMinutes && graceMinutes * 60_000);
}

/**
 * Before a task is called overdue from the task list alone, its runs are read: a run may be listed
 * (a skipped one, say) without the task's `lastStart` moving.
 */
export function runsNeededToConclude(portal: PortalConfig, portalState: PortalState | undefined, taskState: TaskState, now: number): boolean {
  const { overdue } = statusOf(portal, portalState, taskState, now);
  return overdue !== null && (taskState.runsReadAt === null || taskState.runsReadAt < overdue.dueBy);
}
