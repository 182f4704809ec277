import type { TaskHealth } from '../../contract/models';
import { findOverdue, findStuck, nextRunOf, scheduleOf, type OverdueFinding, type StuckFinding, type TaskSchedule } from '../schedule';
import type { CachedRun, TaskState } from '../store/state';
import { runOutcome } from './run-outcome';

/** Everything Taskwatch concludes about one task at one moment, from what it has seen. */
export interface TaskStatus {
  schedule: TaskSchedule;
  nextRun: number | null;
  latestRun: CachedRun | null;
  /** A run began (lastStart) and is not listed yet. */
  running: boolean;
  overdue: OverdueFinding | null;
  stuck: StuckFinding | null;
  health: TaskHealth;
  healthMessage: string;
}

const RECENT_DURATIONS = 10;
/**
 * ArcGIS Enterprise cancels a backup after 2 h by default (a Disaster Recovery setting): warn before
 * that, however long backups usually take, or the warning arrives after the cancellation.
 */
const BACKUP_WARNING_CAP_MS = 100 * 60_000;

export function taskStatus(state: TaskState, timeZone: string, now: number, graceMs?: number): TaskStatus {
  const { task, runs } = state;
  const schedule = scheduleOf(task, timeZone);
  const latestRun = runs[0] ?? null;
  const newestCompletedStartedAt = latestRun ? (latestRun.startedAt ?? latestRun.created) : null;
  const running = task.lastStart !== null && (newestCompletedStartedAt === null || task.lastStart > newestCompletedStartedAt);
  const lastRunAt = Math.max(task.lastStart ?? -Infinity, latestRun?.created ?? -Infinity, latestRun?.startedAt ?? -Infinity);

  const overdue = findOverdue({
    task,
    schedule,
    now,
    lastRunAt: Number.isFinite(lastRunAt) ? lastRunAt : null,
    activeSince: state.activeSince,
    runCount: state.runCount,
    ...(graceMs === undefined ? {} : { graceMs }),
  });
  const stuck = running
    ? findStuck({
        lastStart: task.lastStart,
        newestCompletedStartedAt,
        recentDurationsMs: durations(runs),
        now,
        ...(task.taskType === 'CreateBackup' ? { maxThresholdMs: BACKUP_WARNING_CAP_MS } : {}),
      })
    : null;
  const [health, healthMessage] = judge(task.active, latestRun, running, overdue, stuck);
  return { schedule, nextRun: nextRunOf(task, schedule, now, state.runCount), latestRun, running, overdue, stuck, health, healthMessage };
}

function durations(runs: CachedRun[]): number[] {
  return runs
    .slice(0, RECENT_DURATIONS)
    .flatMap((run) => (run.startedAt !== null && run.created !== null ? [run.created - run.startedAt] : []))
    .filter((ms) => ms >= 0);
}

/** The one word an admin scans for, worst first: a failure outranks silence, silence outranks a slow run. */
function judge(
  active: boolean,
  latestRun: CachedRun | null,
  running: boolean,
  overdue: OverdueFinding | null,
  stuck: StuckFinding | null,
): [TaskHealth, string] {
  const outcome = latestRun ? runOutcome(latestRun.status) : null;
  if (outcome === 'failure' || outcome === 'unknown') {
    const word = latestRun!.status || 'no status';
    return ['failed', `Latest run ${word}${latestRun!.result ? `: ${latestRun!.result}` : ''}`];
  }
  if (stuck) return ['stuck', stuck.message];
  if (overdue) return ['overdue', overdue.message];
  if (running) return ['running', 'A run is in progress'];
  if (!active) return ['paused', 'Paused on the portal'];
  return ['ok', ''];
}
