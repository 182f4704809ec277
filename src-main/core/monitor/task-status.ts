import type { TaskHealth } from '../../contract/vocabulary';
import { defaultGraceMs, findOverdue, findStuck, isTaskActive, nextRunOf, scheduleOf, type OverdueFinding, type StuckFinding, type TaskSchedule } from '../schedule';
import type { CachedRun, TaskState } from '../store/state';
import { runTime } from './cache';
import { trustedCreated } from './run-ledger';
import { alertKindOfOutcome, runOutcome } from './run-outcome';
import { isRunning } from './running';

/** Everything Taskwatch concludes about one task at one moment, from what it has seen. */
export interface TaskStatus {
  schedule: TaskSchedule;
  nextRun: number | null;
  latestRun: CachedRun | null;
  /** A run began (lastStart) and is not listed yet. */
  running: boolean;
  /** A due run never happened, confirmed by runs read since it became due. */
  overdue: OverdueFinding | null;
  /**
   * The task list alone says a due run is missing, but the runs were not read since: a run may be listed
   * (a skipped one, say) without the task's `lastStart` moving. The next poll reads them before concluding.
   */
  overdueToVerify: OverdueFinding | null;
  /** When the first run due after the last one counts as missed unless listed: its runs are read at the first poll after. */
  verifyAt: number | null;
  stuck: StuckFinding | null;
  health: TaskHealth;
  healthMessage: string;
  /**
   * Until when this status holds as long as what was seen of the task stays the same: the first moment
   * time alone could change it (the next occurrence, a due run passing its grace period). Now for a run
   * under way (how long it runs keeps changing) and for a newest run dated ahead of the clock.
   */
  stableUntil: number;
}

const RECENT_DURATIONS = 10;
/**
 * ArcGIS Enterprise cancels a backup after 2 h by default (a Disaster Recovery setting): warn before
 * that, however long backups usually take, or the warning arrives after the cancellation.
 */
const BACKUP_WARNING_CAP_MS = 100 * 60_000;

/**
 * `zone.known` false: the portal's zone is not known, so its zone-less dates may be hours off and no
 * conclusion that depends on them is drawn (overdue, stuck); failed runs do not depend on it.
 */
export function taskStatus(state: TaskState, zone: { zone: string; known: boolean }, now: number, graceMs?: number): TaskStatus {
  const { task, runs } = state;
  const schedule = scheduleOf(task, zone.zone);
  const latestRun = runs[0] ?? null;
  const running = isRunning(state, now);
  // Any listed run (skipped ones included: they are alerted as such) is evidence the occurrence was handled.
  const lastRunAt = Math.max(task.lastStart ?? -Infinity, latestRun ? runTime(latestRun, now) : -Infinity);

  const missing = !zone.known ? null : findOverdue({
    task,
    schedule,
    now,
    lastRunAt: Number.isFinite(lastRunAt) ? lastRunAt : null,
    activeSince: state.activeSince,
    runCount: state.runCount,
    ...(graceMs === undefined ? {} : { graceMs }),
  });
  const verified = missing !== null && state.runsReadAt !== null && state.runsReadAt >= missing.dueBy;
  const overdue = verified ? missing : null;
  const stuck = running && zone.known
    ? findStuck({
        lastStart: task.lastStart,
        newestCompletedStartedAt: null,
        recentDurationsMs: durations(runs),
        now,
        ...(task.taskType === 'CreateBackup' ? { maxThresholdMs: BACKUP_WARNING_CAP_MS } : {}),
      })
    : null;
  const [health, healthMessage] = judge(state, schedule, latestRun, running, overdue, stuck);
  const nextRun = zone.known ? nextRunOf(task, schedule, now, state.runCount) : null;
  const verifyAt = zone.known ? dueAfter(schedule, Number.isFinite(lastRunAt) ? lastRunAt : now, graceMs) : null;
  const stableUntil = running || datedAhead(latestRun, now) ? now : zone.known ? nextChangeOf(schedule, now, graceMs) : Infinity;
  return { schedule, nextRun, latestRun, running, overdue, overdueToVerify: verified ? null : missing, verifyAt, stuck, health, healthMessage, stableUntil };
}

/** A run dated ahead of the clock is placed by when it was seen until the clock reaches its date (runTime). */
function datedAhead(run: CachedRun | null, now: number): boolean {
  return run !== null && run.created !== null && trustedCreated(run, now) === null;
}

/**
 * The first moment the schedule's side of a status may change: the next occurrence (the next run, the
 * usual gap and so the default grace, a due time counted from now) or the next occurrence passing its
 * grace period (findOverdue's latest due run).
 */
function nextChangeOf(schedule: TaskSchedule, now: number, graceMs: number | undefined): number {
  const next = schedule.next(now) ?? Infinity;
  const grace = graceMs ?? defaultGraceMs(schedule.intervalAround(now));
  const nextDue = schedule.next(now - grace);
  return Math.min(next, nextDue === null ? Infinity : nextDue + grace);
}

/** When the first occurrence after the last run counts as missed, unless a run is listed by then. */
function dueAfter(schedule: TaskSchedule, lastRunAt: number, graceMs: number | undefined): number | null {
  const due = schedule.next(lastRunAt);
  return due === null ? null : due + (graceMs ?? defaultGraceMs(schedule.intervalAround(due)));
}

/** Durations Taskwatch saw: from a start it observed to the run's last change. */
function durations(runs: CachedRun[]): number[] {
  return runs
    .slice(0, RECENT_DURATIONS)
    .flatMap((run) => {
      const end = run.modified ?? run.created;
      return run.startedAt !== null && end !== null ? [end - run.startedAt] : [];
    })
    .filter((ms) => ms >= 0);
}

/** The one word an admin scans for, worst first: a failure outranks blindness, blindness outranks silence. */
function judge(
  state: TaskState,
  schedule: TaskSchedule,
  latestRun: CachedRun | null,
  running: boolean,
  overdue: OverdueFinding | null,
  stuck: StuckFinding | null,
): [TaskHealth, string] {
  const outcome = latestRun ? runOutcome(latestRun.status) : null;
  const latestAlert = outcome ? alertKindOfOutcome(outcome) : null;
  if (latestAlert === 'failed-run') {
    const word = latestRun!.status || 'ended with no status';
    return ['failed', `Latest run ${word}${latestRun!.result ? `: ${latestRun!.result}` : ''}`];
  }
  if (state.runsProblem) return ['unreadable', `Its runs could not be read: ${state.runsProblem.message}`];
  if (stuck) return ['stuck', stuck.message];
  if (overdue) return ['overdue', overdue.message];
  if (latestAlert === 'skipped-run') return ['skipped', `Latest run was skipped${latestRun!.result ? `: ${latestRun!.result}` : ''}`];
  if (running) return ['running', 'A run is in progress'];
  if (!isTaskActive(state.task)) return ['paused', 'Paused on the portal'];
  if (schedule.kind === 'unknown') return ['unknown-schedule', schedule.note ?? 'Its schedule cannot be read, so Taskwatch cannot tell when a run is missed'];
  return ['ok', ''];
}
