import { taskStatus, type TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { PortalState, StateFile, TaskState } from '../store/state';
import { portalZone, zoneSettledFor, type PortalZoneView } from '../monitor/portal-zone';
import { tasksRevision } from '../monitor/portal-cycle';

/**
 * Each task's conclusions (health, next run, overdue, stuck), by portal then task, brought up to date after
 * each poll. A task's status is concluded afresh only when what it is concluded from changed or time
 * reached its `stableUntil`; otherwise the same status object is kept (most tasks, most polls). A portal
 * none of whose tasks changed and none of whose statuses' time is up is not looked at task by task.
 */
export class TaskStatuses {
  readonly byPortal = new Map<string, Map<string, TaskStatus>>();
  /** What each status was concluded from, besides the time. */
  readonly #basis = new WeakMap<TaskStatus, StatusBasis>();
  /** Per portal, what its statuses were last brought up to date from, and what they say as a whole. */
  readonly #whole = new Map<string, { basis: PortalBasis; stableUntil: number; runsWantedFrom: number }>();

  constructor(private readonly state: StateFile) {}

  /**
   * Brings one portal's statuses up to `now` and keeps them for the snapshot. When every status was kept,
   * the portal's map is kept too, so what is built from it (the snapshot's rows) can be kept by its identity.
   */
  refresh(portal: PortalConfig, now: number): Map<string, TaskStatus> {
    const before = this.byPortal.get(portal.id);
    const portalState = this.state.portals[portal.id];
    const zone = portalZone(portal, portalState);
    const basis = portalBasisOf(portal, portalState, zone);
    const whole = this.#whole.get(portal.id);
    if (before && whole && now < whole.stableUntil && samePortalBasis(whole.basis, basis)) return before;

    const byTask = new Map<string, TaskStatus>();
    let kept = 0;
    let stableUntil = Infinity;
    let runsWantedFrom = Infinity;
    for (const taskState of Object.values(portalState?.tasks ?? {})) {
      const graceMinutes = portal.tasks[taskState.task.id]?.graceMinutes;
      const graceMs = graceMinutes && graceMinutes * 60_000;
      const known = zoneSettledFor(zone, portalState, taskState.task.cronExpression);
      const last = before?.get(taskState.task.id);
      let status: TaskStatus;
      if (last && now < last.stableUntil && madeFrom(this.#basis.get(last), taskState, zone.zone, known, graceMs)) {
        status = last;
        kept++;
      } else {
        status = taskStatus(taskState, { zone: zone.zone, known }, now, graceMs);
        this.#basis.set(status, basisOf(taskState, zone.zone, known, graceMs));
      }
      byTask.set(taskState.task.id, status);
      stableUntil = Math.min(stableUntil, status.stableUntil);
      runsWantedFrom = Math.min(runsWantedFrom, runsWantedFromOf(status, taskState.runsReadAt));
    }
    this.#whole.set(portal.id, { basis, stableUntil, runsWantedFrom });
    if (before && kept === byTask.size && before.size === byTask.size) return before;
    this.byPortal.set(portal.id, byTask);
    return byTask;
  }

  /**
   * The first moment any of a portal's tasks wants its runs read before concluding (runsNeededToConclude),
   * while its tasks stay as they were at the last refresh.
   */
  runsWantedFrom(portalId: string): number {
    return this.#whole.get(portalId)?.runsWantedFrom ?? Infinity;
  }
}

/**
 * Everything a portal's statuses are made from besides the time: its tasks' state (as a whole: the
 * monitor's revision of it), its zone as far as statuses use it, and its per-task settings.
 */
interface PortalBasis {
  state: PortalState | undefined;
  revision: number;
  zone: string;
  zoneSource: PortalZoneView['source'];
  wholeHours: boolean;
  textRunDates: boolean;
  /** Written out: an edit may change the settings in place. */
  taskSettings: string;
}

function portalBasisOf(portal: PortalConfig, state: PortalState | undefined, zone: PortalZoneView): PortalBasis {
  return {
    state,
    revision: state ? tasksRevision(state) : 0,
    zone: zone.zone,
    zoneSource: zone.source,
    wholeHours: state?.zone.wholeHours ?? false,
    textRunDates: state?.zone.textRunDates ?? false,
    taskSettings: JSON.stringify(portal.tasks),
  };
}

function samePortalBasis(a: PortalBasis, b: PortalBasis): boolean {
  return (Object.keys(a) as Array<keyof PortalBasis>).every((key) => a[key] === b[key]);
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
  return last !== undefined && now >= runsWantedFromOf(last, taskState.runsReadAt);
}

/**
 * From when a status wants its task's runs read (-Infinity: already; Infinity: not while it holds): at
 * once when a due run is missing, else once its next run passes its grace period, unless read since.
 */
function runsWantedFromOf(status: TaskStatus, runsReadAt: number | null): number {
  if (status.overdueToVerify) return -Infinity;
  if (status.verifyAt === null || (runsReadAt !== null && runsReadAt >= status.verifyAt)) return Infinity;
  return status.verifyAt;
}
