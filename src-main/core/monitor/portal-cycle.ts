import type { Logger } from '../ports';
import type { PortalTask } from '../portal/types';
import type { CachedRun, CachedTask, PortalState, TaskState } from '../store/state';
import { SEEN_RUN_IDS_PER_TASK, cacheRun, cacheTask, mergeRuns, newestFirst, taskDiffers, taskMoved } from './cache';
import type { MonitorEvent } from './events';
import { mapLimited } from './limiter';
import type { PortalApi } from './portal-api';
import { runOutcome } from './run-outcome';

export interface CycleOptions {
  /** Runs asked for per page; one page covers a task between two polls in steady state. */
  runsPageSize: number;
  /** After a long absence, how many more pages to read to find every run missed. */
  maxCatchUpPages: number;
  /** Run requests in flight at once for one portal. */
  runFetchConcurrency: number;
  logger: Logger;
}

export const defaultCycleOptions: Omit<CycleOptions, 'logger'> = {
  runsPageSize: 20,
  maxCatchUpPages: 5,
  runFetchConcurrency: 4,
};

/** A started run is watched for until it is listed, but not forever if the portal never lists it. */
const AWAIT_STARTED_RUN_MS = 24 * 60 * 60 * 1000;

/**
 * One poll of one portal, incremental: the task list every time, a task's runs only when the task is new,
 * its `lastStart`/`updated` moved, or a run it started has not been listed yet. In steady state that is one
 * request per portal. Mutates `state` and returns what changed. Connection and credential errors of the
 * task list propagate (the whole portal is down); a failing run request only defers that task to the next
 * poll, because its cached copy is left as it was.
 */
export async function pollPortal(
  portalId: string,
  api: PortalApi,
  state: PortalState,
  now: number,
  options: CycleOptions,
): Promise<MonitorEvent[]> {
  const { tasks, skipped } = await api.listTasks();
  const firstLook = !state.baselined;
  const events: MonitorEvent[] = [];

  const toRefresh = tasks.filter((task) => {
    const known = state.tasks[task.id];
    return !known || taskMoved(known.task, cacheTask(task)) || awaitsStartedRun(known, now);
  });
  const refreshing = new Set(toRefresh);
  const unchanged = tasks.filter((task) => !refreshing.has(task));
  for (const task of unchanged) refreshTaskFields(portalId, state, task, now, events);

  await mapLimited(toRefresh, options.runFetchConcurrency, async (task) => {
    try {
      await refreshTask(portalId, api, state, task, firstLook, now, options, events);
    } catch (error) {
      if (isPortalWide(error)) throw error;
      options.logger.log('warn', 'Could not read the runs of a task; trying again next poll', {
        portalId,
        taskId: task.id,
        error: (error as Error).message,
      });
    }
  });

  // A task that could not be read is not gone: only a clean list may retire tasks.
  if (skipped.length === 0) {
    const listed = new Set(tasks.map((task) => task.id));
    for (const taskId of Object.keys(state.tasks)) {
      if (listed.has(taskId)) continue;
      delete state.tasks[taskId];
      events.push({ type: 'task-removed', portalId, taskId });
    }
  }
  state.baselined = true;
  return events;
}

/** A run began (lastStart moved past the newest listed run) and has not been listed yet. */
function awaitsStartedRun(known: TaskState, now: number): boolean {
  const started = known.task.lastStart;
  if (started === null || now - started > AWAIT_STARTED_RUN_MS) return false;
  const newest = known.runs[0];
  return !newest || (newest.startedAt ?? newest.created ?? -Infinity) < started;
}

function isPortalWide(error: unknown): boolean {
  const kind = (error as { kind?: string }).kind;
  return kind === 'unreachable' || kind === 'auth-failed';
}

/** The task did not move: keep its runs, take its other fields (title, state, schedule) as they are now. */
function refreshTaskFields(portalId: string, state: PortalState, task: PortalTask, now: number, events: MonitorEvent[]) {
  const known = state.tasks[task.id]!;
  const current = cacheTask(task);
  if (!taskDiffers(known.task, current)) return;
  events.push({ type: 'task-changed', portalId, task: current, previous: known.task });
  known.activeSince = resumedAt(known, current, now);
  known.task = current;
}

function resumedAt(known: TaskState, current: CachedTask, now: number): number | null {
  return !known.task.active && current.active ? now : known.activeSince;
}

async function refreshTask(
  portalId: string,
  api: PortalApi,
  state: PortalState,
  task: PortalTask,
  firstLook: boolean,
  now: number,
  options: CycleOptions,
  events: MonitorEvent[],
): Promise<void> {
  const known = state.tasks[task.id];
  const current = cacheTask(task);
  const seen = new Set(known?.seenRunIds ?? []);
  // History found on the first look at a portal or a task is recorded, not replayed as news.
  const baseline = firstLook || !known;
  const { runs, total } = await fetchUnseenRuns(api, task.id, seen, baseline, options);

  const fresh = runs.filter((run) => !seen.has(run.id));
  fresh.forEach((run, index) => {
    events.push({ type: 'run-seen', portalId, task: current, run, baseline, latest: index === 0 && run.id === runs[0]?.id });
  });
  const recovered = recoveredBy(known?.runs[0], fresh[0], baseline);
  if (recovered) events.push({ type: 'task-recovered', portalId, task: current, run: recovered });

  if (!known) events.push({ type: 'task-added', portalId, task: current });
  else if (taskDiffers(known.task, current)) events.push({ type: 'task-changed', portalId, task: current, previous: known.task });

  state.tasks[task.id] = {
    task: current,
    runs: mergeRuns(runs, known?.runs ?? []),
    seenRunIds: [...fresh.map((run) => run.id), ...(known?.seenRunIds ?? [])].slice(0, SEEN_RUN_IDS_PER_TASK),
    runCount: total ?? known?.runCount ?? null,
    activeSince: known ? resumedAt(known, current, now) : null,
    firstSeenAt: known?.firstSeenAt ?? now,
  };
}

function recoveredBy(previousNewest: CachedRun | undefined, newest: CachedRun | undefined, baseline: boolean): CachedRun | null {
  if (baseline || !previousNewest || !newest) return null;
  const before = runOutcome(previousNewest.status);
  return (before === 'failure' || before === 'unknown') && runOutcome(newest.status) === 'success' ? newest : null;
}

/**
 * The newest page of runs and, when every run on it is new (Taskwatch was away for a while), older pages
 * until a known run turns up, so no failure that happened meanwhile is missed.
 */
async function fetchUnseenRuns(
  api: PortalApi,
  taskId: string,
  seen: Set<string>,
  baseline: boolean,
  options: CycleOptions,
): Promise<{ runs: CachedRun[]; total: number | null }> {
  let page = await api.listRuns(taskId, { start: 0, num: options.runsPageSize });
  const runs = page.runs.map(cacheRun);
  const total = page.total;
  for (let extra = 0; !baseline && extra < options.maxCatchUpPages; extra++) {
    const allNew = page.runs.length > 0 && page.runs.every((run) => !seen.has(run.id));
    if (!allNew || page.nextStart === null) break;
    page = await api.listRuns(taskId, { start: page.nextStart, num: options.runsPageSize });
    runs.push(...page.runs.map(cacheRun));
  }
  return { runs: newestFirst(runs), total };
}
