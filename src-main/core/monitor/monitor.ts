import type { PortalStatus } from '../../contract/vocabulary';
import type { Clock, Logger } from '../ports';
import type { PortalConfig } from '../store/config';
import { emptyPortalHealth, emptyPortalZone, type PortalHealthState, type PortalState, type StateFile, type TaskState } from '../store/state';
import { backoffDelayMs } from './backoff';
import type { MonitorEvent } from './events';
import { firstPollDelayMs, jitteredMs } from './jitter';
import type { PortalRun, PortalTask } from '../portal/types';
import type { PortalApi } from './portal-api';
import { defaultCycleOptions, pollPortal, tasksRevision, type RunsWanted } from './portal-cycle';

export interface MonitorOptions {
  state: StateFile;
  portals: () => PortalConfig[];
  defaultIntervalSeconds: () => number;
  apiFor: (portal: PortalConfig) => PortalApi;
  /** For a portal, whether a task's runs must be read before concluding about it, though it did not move. */
  runsWanted?: (portal: PortalConfig) => RunsWanted;
  /** Learns a portal's zone from its task list; true when its dates must be read again. */
  learnZone?: (portal: PortalConfig, state: PortalState, tasks: PortalTask[]) => boolean;
  /** What runs read say about a portal's zone. */
  observeRuns?: (portal: PortalConfig, state: PortalState, runs: PortalRun[], news: PortalRun[], lookedBeforeAt: number | null) => void;
  clock: Clock;
  logger: Logger;
  /** Requests one poll has in flight at once to its portal. Default 4. */
  requestsPerPortal?: number;
  /** Randomness of the jitter that spreads polls, [0, 1). Default Math.random. */
  random?: () => number;
  /** Everything a poll found, in order, then `done` once that portal's poll is complete. */
  onEvents: (portalId: string, events: MonitorEvent[]) => void;
}

/**
 * Polls every configured portal on its own timer: the default interval, a per-portal override, and
 * exponential backoff while a portal fails, each wait lengthened by a little jitter. Each portal's poll is
 * independent and none waits for a slot held by others, so a hanging or broken portal delays nobody else.
 */
export class Monitor {
  readonly #options: MonitorOptions;
  readonly #random: () => number;
  readonly #timers = new Map<string, () => void>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #afterInFlight = new Map<string, Promise<void>>();
  readonly #nextPollAt = new Map<string, number>();
  #running = false;

  constructor(options: MonitorOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** Starts polling: a single portal at once, many spread over a few seconds. */
  start(): void {
    this.#running = true;
    this.reconcile();
    const portals = this.#options.portals();
    for (const portal of portals) this.#schedule(portal.id, firstPollDelayMs(portals.length, this.#intervalMs(portal), this.#random));
  }

  stop(): void {
    this.#running = false;
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  /** Waits for polls already under way, e.g. before saving state at quit. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  nextPollAt(portalId: string): number | null {
    return this.#nextPollAt.get(portalId) ?? null;
  }

  /** Adopts added and removed portals: new ones are polled at once, removed ones forgotten. */
  reconcile(): void {
    const configured = new Set(this.#options.portals().map((portal) => portal.id));
    for (const portalId of Object.keys(this.#options.state.portals)) {
      if (configured.has(portalId)) continue;
      delete this.#options.state.portals[portalId];
      this.#timers.get(portalId)?.();
      this.#timers.delete(portalId);
      this.#nextPollAt.delete(portalId);
    }
    for (const portal of this.#options.portals()) {
      if (this.#options.state.portals[portal.id]) continue;
      this.#options.state.portals[portal.id] = { baselined: false, tasks: {}, health: emptyPortalHealth(), zone: emptyPortalZone() };
      if (this.#running) this.#schedule(portal.id, 0);
    }
  }

  /**
   * Polls now (one portal or all) and resolves when done. A poll already under way may have read the
   * portal before what the caller wants seen ("Check now" after a run failed): it is waited for, then one
   * more poll reads the portal afresh, shared by every caller waiting meanwhile.
   */
  async pollNow(portalId?: string): Promise<void> {
    const portals = this.#options.portals().filter((portal) => !portalId || portal.id === portalId);
    await Promise.all(portals.map((portal) => this.#pollAfresh(portal.id)));
  }

  #pollAfresh(portalId: string): Promise<void> {
    const underWay = this.#inFlight.get(portalId);
    if (!underWay) return this.#poll(portalId);
    let next = this.#afterInFlight.get(portalId);
    if (!next) {
      next = underWay.then(() => {
        this.#afterInFlight.delete(portalId);
        return this.#poll(portalId);
      });
      this.#afterInFlight.set(portalId, next);
    }
    return next;
  }

  /** Polls a portal soon if the monitor is running (after an edit); a stopped monitor stays quiet. */
  pollSoon(portalId: string): void {
    if (this.#running) this.#schedule(portalId, 0);
  }

  #intervalMs(portal: PortalConfig): number {
    return (portal.pollIntervalSeconds ?? this.#options.defaultIntervalSeconds()) * 1000;
  }

  #schedule(portalId: string, delayMs: number): void {
    this.#timers.get(portalId)?.();
    this.#nextPollAt.set(portalId, this.#options.clock.now() + delayMs);
    const cancel = this.#options.clock.setTimeout(() => void this.#poll(portalId), delayMs);
    this.#timers.set(portalId, cancel);
  }

  #poll(portalId: string): Promise<void> {
    const existing = this.#inFlight.get(portalId);
    if (existing) return existing;
    const poll = this.#pollOnce(portalId).finally(() => this.#inFlight.delete(portalId));
    this.#inFlight.set(portalId, poll);
    return poll;
  }

  async #pollOnce(portalId: string): Promise<void> {
    const portal = this.#options.portals().find((candidate) => candidate.id === portalId);
    const state = this.#options.state.portals[portalId];
    if (!portal || !state) return;
    const { clock, logger } = this.#options;
    const startedAt = clock.now();
    let events: MonitorEvent[] = [];
    let failure: unknown = null;
    try {
      const { runsWanted, learnZone, observeRuns, apiFor, requestsPerPortal } = this.#options;
      events = await pollPortal(portalId, () => apiFor(portal), state, startedAt, {
        ...defaultCycleOptions,
        ...(requestsPerPortal ? { runFetchConcurrency: requestsPerPortal } : {}),
        logger,
        ...(runsWanted ? { runsWanted: runsWanted(portal) } : {}),
        ...(learnZone ? { learnZone: (tasks: PortalTask[]) => learnZone(portal, state, tasks) } : {}),
        ...(observeRuns ? { observeRuns: (runs: PortalRun[], news: PortalRun[], lookedBeforeAt: number | null) => observeRuns(portal, state, runs, news, lookedBeforeAt) } : {}),
      });
    } catch (error) {
      failure = error;
      logger.log('warn', 'Portal poll failed', { portalId, error: (error as Error).message });
    }
    const healthEvent = this.#recordHealth(portalId, state, failure ?? partialReading(state), clock.now(), failure === null);
    if (healthEvent) events.unshift(healthEvent);
    if (this.#running && this.#options.state.portals[portalId]) {
      this.#schedule(portalId, jitteredMs(backoffDelayMs(this.#intervalMs(portal), state.health.consecutiveFailures), this.#random));
    }
    this.#options.onEvents(portalId, events);
  }

  /** `listed`: the task list was read, so the poll counts as a success even if some tasks' runs were not. */
  #recordHealth(portalId: string, state: PortalState, problem: unknown, now: number, listed: boolean): MonitorEvent | null {
    const previous: PortalHealthState = { ...state.health };
    const status: PortalStatus = problem ? statusOf(problem) : 'ok';
    const message = problem ? (problem as Error).message : null;
    state.health = {
      status,
      message,
      since: status === previous.status ? previous.since : now,
      lastAttemptAt: now,
      lastSuccessAt: listed ? now : previous.lastSuccessAt,
      consecutiveFailures: listed ? 0 : previous.consecutiveFailures + 1,
    };
    const changed = previous.status !== status || previous.message !== message;
    return changed ? { type: 'portal-health', portalId, health: { ...state.health }, previous } : null;
  }
}

/** The portal answered its task list, but some tasks' runs could not be read: say how many, and the first why. */
class PartialReading extends Error {
  readonly kind = 'partial';
}

function partialReading(state: PortalState): PartialReading | null {
  const unreadable = unreadableTasks(state);
  if (unreadable.length === 0) return null;
  const total = Object.keys(state.tasks).length;
  const first = unreadable[0]!;
  return new PartialReading(`The runs of ${unreadable.length} of ${total} tasks could not be read (${first.task.title}: ${first.runsProblem!.message})`);
}

/** The tasks whose runs could not be read, looked for again only when a poll may have changed the tasks. */
const unreadableSeen = new WeakMap<PortalState, { revision: number; unreadable: TaskState[] }>();

function unreadableTasks(state: PortalState): TaskState[] {
  const revision = tasksRevision(state);
  let seen = unreadableSeen.get(state);
  if (seen?.revision !== revision) {
    seen = { revision, unreadable: Object.values(state.tasks).filter((task) => task.runsProblem) };
    unreadableSeen.set(state, seen);
  }
  return seen.unreadable;
}

const STATUS_OF_KIND: Record<string, PortalStatus> = {
  unreachable: 'unreachable',
  'auth-failed': 'auth-failed',
  'no-password': 'no-password',
  partial: 'partial',
};

function statusOf(error: unknown): PortalStatus {
  return STATUS_OF_KIND[(error as { kind?: string }).kind ?? ''] ?? 'error';
}
