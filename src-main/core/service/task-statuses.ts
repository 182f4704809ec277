import { taskStatus, type TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { StateFile, TaskState } from '../store/state';
import { portalZone, zoneSettledFor } from '../monitor/portal-zone';

/** Each task's conclusions (health, next run, overdue, stuck), by portal then task, recomputed after each poll. */
export class TaskStatuses {
  readonly byPortal = new Map<string, Map<string, TaskStatus>>();

  constructor(private readonly state: StateFile) {}

  /** Recomputes one portal's statuses at `now` and keeps them for the snapshot. */
  refresh(portal: PortalConfig, now: number): Map<string, TaskStatus> {
    const byTask = new Map<string, TaskStatus>();
    const portalState = this.state.portals[portal.id];
    const zone = portalZone(portal, portalState);
    for (const taskState of Object.values(portalState?.tasks ?? {})) {
      const graceMinutes = portal.tasks[taskState.task.id]?.graceMinutes;
      const known = zoneSettledFor(zone, portalState, taskState.task.cronExpression);
      byTask.set(taskState.task.id, taskStatus(taskState, { zone: zone.zone, known }, now, graceMinutes && graceMinutes * 60_000));
    }
    this.byPortal.set(portal.id, byTask);
    return byTask;
  }
}

/**
 * Whether a task's runs must be read before concluding about it, though it did not move: the last
 * statuses say a due run is missing, or its next run has since passed its grace period. Its runs are then
 * read in this poll, so "overdue" is concluded from them (see TaskStatus.overdueToVerify) without delay.
 */
export function runsNeededToConclude(statuses: TaskStatuses, portalId: string, taskState: TaskState, now: number): boolean {
  const last = statuses.byPortal.get(portalId)?.get(taskState.task.id);
  if (!last) return false;
  if (last.overdueToVerify) return true;
  return last.verifyAt !== null && now >= last.verifyAt && (taskState.runsReadAt === null || taskState.runsReadAt < last.verifyAt);
}
