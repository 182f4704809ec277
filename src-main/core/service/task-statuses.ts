import { taskStatus, type TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { StateFile, TaskState } from '../store/state';
import { portalZone, zoneSettledFor } from '../monitor/portal-zone';

/**
 * Each task's conclusions (health, next run, overdue, stuck), by portal then task, brought up to date after
 * each poll. A task's status is concluded afresh only when what it is concluded from changed or time
 * reached its `stableUntil`; otherwise the same status object is kept (most tasks, most polls).
 */
export class TaskStatuses {
  readonly byPortal = new Map<string, Map<string, TaskStatus>>();
  /** What each status was concluded from, besides the time. */
  readonly #basis = new WeakMap<TaskStatus, StatusBasis>();

  constructor(private readonly state: StateFile) {}

  /**
   * Brings one portal's statuses up to `now` and keeps them for the snapshot. When every status was kept,
   * the portal's map is kept too, so what is built from it (the snapshot's rows) can be kept by its identity.
   */
  refresh(portal: PortalConfig, now: number): Map<string, TaskStatus> {
    const before = this.byPortal.get(portal.id);
    const byTask = new Map<string, TaskStatus>();
    let kept = 0;
    const portalState = this.state.portals[portal.id];
    const zone = portalZone(portal, portalState);
    for (const taskState of Object.values(portalState?.tasks ?? {})) {
      const graceMinutes = portal.tasks[taskState.task.id]?.graceMinutes;
      const graceMs = graceMinutes && graceMinutes * 60_000;
      const known = zoneSettledFor(zone, portalState, taskState.task.cronExpression);
      const last = before?.get(taskState.task.id);
      if (last && now < last.stableUntil && madeFrom(this.#basis.get(last), taskState, zone.zone, known, graceMs)) {
        byTask.set(taskState.task.id, last);
        kept++;
        continue;
      }
      const status = taskStatus(taskState, { zone: zone.zone, known }, now, graceMs);
      this.#basis.set(status, basisOf(taskState, zone.zone, known, graceMs));
      byTask.set(taskState.task.id, status);
    }
    if (before && kept === byTask.size && before.size === byTask.size) return before;
    this.byPortal.set(portal.id, byTask);
    return byTask;
  }
}

/** Everything a status is made from besides the time; the monitor replaces these fields' values, never changes them in place. */
interface StatusBasis {
  task: TaskState['task'];
  runs: TaskState['runs'];
  runCount: number | null;
  activeSince: number | null;
  runsReadAt: number | null;
  runsProblem: TaskState['runsProblem'];
  /** Not read by taskStatus, but shown beside it (read with the runs). */
  notes: TaskState['notes'];
  zone: string;
  known: boolean;
  graceMs: number | undefined;
}

function basisOf(state: TaskState, zone: string, known: boolean, graceMs: number | undefined): StatusBasis {
  const { task, runs, runCount, activeSince, runsReadAt, runsProblem, notes } = state;
  return { task, runs, runCount, activeSince, runsReadAt, runsProblem, notes, zone, known, graceMs };
}

function madeFrom(basis: StatusBasis | undefined, state: TaskState, zone: string, known: boolean, graceMs: number | undefined): boolean {
  return (
    basis !== undefined &&
    basis.task === state.task &&
    basis.runs === state.runs &&
    basis.runCount === state.runCount &&
    basis.activeSince === state.activeSince &&
    basis.runsReadAt === state.runsReadAt &&
    basis.runsProblem === state.runsProblem &&
    basis.notes === state.notes &&
    basis.zone === zone &&
    basis.known === known &&
    basis.graceMs === graceMs
  );
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
