import type { Logger } from '../ports';
import { DEFAULT_CONNECTIONS_PER_PORTAL } from '../portal';
import type { PortalRun, PortalTask, TaskList } from '../portal/types';
import type { CachedRun, CachedTask, PortalState, TaskState } from '../store/state';
import { cacheRun, cacheTask, mergeRuns, newestFirst, runTime, taskDiffers, taskMoved } from './cache';
import type { MonitorEvent } from './events';
import { mapLimited } from './limiter';
import type { PortalApi } from './portal-api';
import { LedgerView, emptyLedger, recordRuns, trustedCreated, trustedFrom } from './run-ledger';
import { alertKindOfOutcome, runOutcome } from './run-outcome';
import { readUnknownRuns, type RunsReadOptions } from './runs-reader';
import { readNotes } from './read-notes';
import { outrunAfterRead } from './outrun';
import { AWAIT_STARTED_RUN_MS, isRunning } from './running';

export interface CycleOptions extends RunsReadOptions {
  /** Run requests in flight at once for one portal (as many as its client keeps connections). */
  runFetchConcurrency: number;
  /** Runs of an unmoving task are read again after this long anyway (a run may be listed without lastStart moving). */
  rereadAfterMs: number;
  /** The caller's own reasons to read a task's runs before concluding about it (e.g. before "overdue"). */
  runsWanted?: RunsWanted;
  /** Learns the portal's zone from its task list; true when dates must be read again in another zone. */
  learnZone?: (tasks: PortalTask[]) => boolean;
  /** Runs read for a task (`news`: those that happened since it was last read at `lookedBeforeAt`), for what they say of the zone. */
  observeRuns?: (runs: PortalRun[], news: PortalRun[], lookedBeforeAt: number | null) => void;
  logger: Logger;
}

export interface RunsWanted {
  /** Asked per task whose runs would not be read otherwise: read them in this poll. */
  of(taskState: TaskState): boolean;
  /**
   * The first moment `of` may say yes for a task whose state has not changed since it was last asked:
   * until then a portal whose list is the same and whose tasks are not due a read is not looked at task by task.
   */
  from(): number;
}

export const defaultCycleOptions: Omit<CycleOptions, 'logger'> = {
  firstPageSize: 20,
  catchUpPageSize: 100,
  maxRuns: 100_000,
  firstLookReadsOnePage: true,
  runFetchConcurrency: DEFAULT_CONNECTIONS_PER_PORTAL,
  rereadAfterMs: 6 * 60 * 60 * 1000,
};

/**
 * One poll of one portal, incremental: the task list every time, a task's runs only when the task is
 * new, moved (`lastStart`/`updated`), has a run under way, could not be read last time, is due for a
 * periodic re-read, or the caller wants them checked. In steady state that is one request per portal, and
 * no work per task while the list is the same and no task is due a read.
 *
 * Mutates `state` and returns what it found. Only a failing task list throws (the portal is down, and
 * nothing was changed); a task whose runs cannot be read is marked so (`runsProblem`) and the others go on.
 */
export async function pollPortal(
  portalId: string,
  apiFor: () => PortalApi,
  state: PortalState,
  now: number,
  options: CycleOptions,
): Promise<MonitorEvent[]> {
  let api = apiFor();
  let listing = await api.listTasks();
  const relisted = options.learnZone?.(listing.tasks) ?? false;
  if (relisted) {
    tasksChanging(state); // the dates stored from zone-less text were moved to the zone just learnt
    // Zone-less dates in the list were read in the wrong zone: read it again in the zone just learnt.
    api = apiFor();
    listing = await api.listTasks();
  }
  const { tasks, skipped } = listing;
  const firstLook = !state.baselined;
  const events: MonitorEvent[] = [];

  // The same list as the last poll took in (the client hands out the same objects for the same answer):
  // every task's fields are as cached, so none moved and none needs comparing.
  const last = takenIn.get(state);
  const sameList = last?.listing === listing;
  // Nor need they be looked at one by one before the first moment one of them is due a read.
  if (sameList && !relisted && now < last.quietUntil && now < (options.runsWanted?.from() ?? Infinity)) return events;

  tasksChanging(state);
  const toRead = tasks.filter((task) => {
    const known = state.tasks[task.id];
    if (!known) return true;
    return (!sameList && taskMoved(known.task, cacheTask(task))) || now >= rereadFrom(known, now, options) || (options.runsWanted?.of(known) ?? false);
  });
  const reading = new Set(toRead);
  if (!sameList) for (const task of tasks) if (!reading.has(task)) refreshTaskFields(portalId, state, task, now, events);

  await mapLimited(toRead, options.runFetchConcurrency, async (task) => {
    try {
      await readTask(portalId, api, state, task, firstLook, now, options, events);
    } catch (error) {
      markUnreadable(portalId, state, task, error as Error, now, events);
      options.logger.log('warn', 'Could not read the runs of a task', { portalId, taskId: task.id, error: (error as Error).message });
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
  takenIn.set(state, { listing, quietUntil: firstRereadFrom(tasks, state, now, options) });
  return events;
}

/**
 * What each portal's last poll took in. `listing`: its task list; after it, each listed task's cached
 * fields are the list's own, or (could not be read: markUnreadable) the task's runs are read again anyway.
 * `quietUntil`: while that list stays the same, no task has a reason of the monitor's own to be read
 * before this (see rereadFrom).
 */
const takenIn = new WeakMap<PortalState, { listing: TaskList; quietUntil: number }>();
const revisions = new WeakMap<PortalState, number>();
let nextRevision = 1;

/**
 * The revision of a portal's tasks' state, unique to it among all portal states and changed before every
 * poll that may change it (any poll that looks at the tasks one by one): what is worked out from all of
 * them can be kept whole while it stays the same.
 */
export function tasksRevision(state: PortalState): number {
  let revision = revisions.get(state);
  if (revision === undefined) revisions.set(state, (revision = nextRevision++));
  return revision;
}

function tasksChanging(state: PortalState): void {
  revisions.set(state, nextRevision++);
}

/** The first moment one of the listed tasks, as this poll leaves them, is due a read of the monitor's own. */
function firstRereadFrom(tasks: PortalTask[], state: PortalState, now: number, options: CycleOptions): number {
  let first = Infinity;
  for (const task of tasks) {
    const known = state.tasks[task.id];
    first = known ? Math.min(first, rereadFrom(known, now, options)) : -Infinity;
    if (first === -Infinity) break;
  }
  return first;
}

/**
 * From when the monitor itself wants a task's runs read again, the task staying as it is (at or before
 * `now`: it does): at once while they could not be read, a started run is awaited, or a run outlasting
 * the next start is (outrun.ts); else when the periodic re-read is due, or sooner when the clock alone may
 * make a started run awaited (a newest run dated ahead of the clock is placed by its date once the clock
 * comes near it, see runTime).
 */
function rereadFrom(known: TaskState, now: number, options: CycleOptions): number {
  if (known.runsProblem || known.runsReadAt === null || known.outrun) return -Infinity;
  const started = known.task.lastStart;
  if (started !== null && now - started <= AWAIT_STARTED_RUN_MS && isRunning(known, now)) return -Infinity;
  const newest = known.runs[0];
  const placedByDateFrom = newest && trustedCreated(newest, now) === null ? (trustedFrom(newest) ?? Infinity) : Infinity;
  return Math.min(known.runsReadAt + options.rereadAfterMs, placedByDateFrom);
}

/** The task did not move: keep its runs, take its other fields (title, state, schedule) as they are now. */
function refreshTaskFields(portalId: string, state: PortalState, task: PortalTask, now: number, events: MonitorEvent[]) {
  const known = state.tasks[task.id]!;
  const current = cacheTask(task);
  if (!taskDiffers(known.task, current)) {
    known.task = current; // the same fields: keep the list's object (the client holds it too), so the task is held once
    return;
  }
  events.push({ type: 'task-changed', portalId, task: current, previous: known.task });
  known.activeSince = resumedAt(known, current, now);
  known.task = current;
}

function resumedAt(known: TaskState, current: CachedTask, now: number): number | null {
  return !known.task.active && current.active ? now : known.activeSince;
}

function newTaskState(task: CachedTask, now: number): TaskState {
  return { task, runs: [], ledger: emptyLedger(), runCount: null, activeSince: null, firstSeenAt: now, runsReadAt: null, runsProblem: null, notes: [], outrun: null };
}

/** Keeps the task (listed, so not gone) with its known runs, and says its runs could not be read. */
function markUnreadable(portalId: string, state: PortalState, task: PortalTask, error: Error, now: number, events: MonitorEvent[]) {
  const current = cacheTask(task);
  const known = state.tasks[task.id];
  if (!known) events.push({ type: 'task-added', portalId, task: current });
  const taskState = known ?? newTaskState(current, now);
  // Its task fields are taken, but not as "moved": its runs are read again next poll.
  taskState.task = known ? { ...current, lastStart: known.task.lastStart, updated: known.task.updated } : current;
  taskState.runsProblem = { message: error.message, since: taskState.runsProblem?.since ?? now };
  state.tasks[task.id] = taskState;
}

async function readTask(
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
  // History found on the first look at a portal or a task is recorded, not replayed as news.
  const baseline = firstLook || !known;
  const ledger = known?.ledger ?? emptyLedger();
  const view = new LedgerView(ledger, now);
  const read = await readUnknownRuns(api, task.id, baseline ? null : view, { ...options, digestAt: now });

  const unknown = read.unknown.map((portalRun) => ({ portalRun, run: cacheRun(portalRun, baseline ? null : now), outcome: runOutcome(portalRun.status) }));
  const over = unknown.filter((entry) => entry.outcome !== 'in-progress');
  // A task whose lastStart moved since the last list started its new run after that list was read.
  const lookedBeforeAt = known && taskMoved(known.task, current) ? state.health.lastSuccessAt : (known?.runsReadAt ?? null);
  options.observeRuns?.(read.unknown, baseline ? [] : over.map((entry) => entry.portalRun), lookedBeforeAt);
  const outcomeOf = new Map(over.map((entry) => [entry.run, entry.outcome]));
  const finished = newestFirst([...outcomeOf.keys()], now);
  const latestId = finished[0]?.id;
  const newsRuns: CachedRun[] = [];
  for (const run of finished) {
    const news = baseline ? run.id === latestId : view.isNews(run, outcomeOf.get(run)!);
    events.push({ type: 'run-seen', portalId, task: current, run, news });
    if (news) newsRuns.push(run);
  }
  const previousNewest = known?.runs[0];
  const runs = attributeStart(mergeRuns(finished, known?.runs ?? [], now), current, now);
  const recovered = baseline ? null : recoveredBy(previousNewest, finished[0]);
  if (recovered) events.push({ type: 'task-recovered', portalId, task: current, run: recovered });
  const gap = baseline ? null : uncheckedRuns(read, ledger.through, finished);
  if (gap) events.push({ type: 'runs-unchecked', portalId, task: current, ...gap });

  if (!known) events.push({ type: 'task-added', portalId, task: current });
  else if (taskDiffers(known.task, current)) events.push({ type: 'task-changed', portalId, task: current, previous: known.task });

  const outrun = baseline ? null : outrunAfterRead(known, current, newsRuns, now);
  state.tasks[task.id] = {
    task: current,
    runs,
    ledger: recordRuns(ledger, unknown.map(({ run, outcome }) => ({ id: run.id, created: run.created, outcome })), now),
    runCount: read.total ?? known?.runCount ?? null,
    activeSince: known ? resumedAt(known, current, now) : null,
    firstSeenAt: known?.firstSeenAt ?? now,
    runsReadAt: now,
    runsProblem: null,
    notes: readNotes(runs, read.skipped, outrun, now),
    outrun,
  };
}

/**
 * The newest run's start, where it is a fact: the task's `lastStart` (the task as it is now) lies
 * between the run before it and this run's own record, so it is this run's start.
 */
function attributeStart(runs: CachedRun[], task: CachedTask, now: number): CachedRun[] {
  const [newest, before] = runs;
  const lastStart = task.lastStart;
  if (!newest || newest.startedAt !== null || lastStart === null) return runs;
  const endedAt = trustedCreated(newest, now);
  if (endedAt === null || lastStart > endedAt || endedAt - lastStart > AWAIT_STARTED_RUN_MS) return runs;
  if (before && lastStart <= runTime(before, now)) return runs;
  // map, not a spread: an array of exactly this length (a spread leaves room for 17), kept per task.
  return runs.map((run) => (run === newest ? { ...newest, startedAt: lastStart } : run));
}

function recoveredBy(previousNewest: CachedRun | undefined, newest: CachedRun | undefined): CachedRun | null {
  if (!previousNewest || !newest || previousNewest.id === newest.id) return null;
  const before = runOutcome(previousNewest.status);
  return alertKindOfOutcome(before) !== null && runOutcome(newest.status) === 'success' ? newest : null;
}

/**
 * Runs that happened since the last one processed but could not be checked: the portal's history no
 * longer reaches back to it (its retention removed them), or there were more than one read allows.
 */
function uncheckedRuns(
  read: Awaited<ReturnType<typeof readUnknownRuns>>,
  through: number | null,
  finished: CachedRun[],
): { since: number; until: number | null; count: number | null; reason: string } | null {
  if (through === null || read.reachedKnown) return null;
  const oldestRead = read.oldestUnknown;
  if (read.unread !== null) {
    return { since: through, until: oldestRead, count: read.unread, reason: `there were more than Taskwatch reads at once (${read.read})` };
  }
  if (finished.length === 0) return null;
  return { since: through, until: oldestRead, count: null, reason: 'the portal no longer lists runs that old' };
}
