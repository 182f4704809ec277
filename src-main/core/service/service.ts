import { applySettingsPatch, type Snapshot } from '../../contract/models';
import type { CommandHandlers, EventName, EventPayload } from '../../contract/api';
import { AlertCenter } from '../alerts/alert-center';
import { alertsFor } from '../alerts/rules';
import type { MonitorEvent } from '../monitor/events';
import { Monitor } from '../monitor/monitor';
import { taskStatus, type TaskStatus } from '../monitor/task-status';
import { systemClock, silentLogger, type Clock, type Logger, type Notifier, type SecretStore } from '../ports';
import { loadConfig, saveConfig, type ConfigFile, type PortalConfig } from '../store/config';
import type { LoadResult } from '../store/json-file';
import { loadState, saveState, type Alert, type StateFile } from '../store/state';
import { buildSnapshot } from '../views/snapshot';
import { createHandlers } from './handlers';
import { PortalClients } from './portal-clients';
import { PortalDirectory } from './portal-directory';

export interface TaskwatchServiceOptions {
  /** The folder with config.json and state.json. */
  home: string;
  secrets: SecretStore;
  notifier: Notifier;
  logger?: Logger;
  clock?: Clock;
  /** Shows a save dialog (app) or writes a file (bridge); resolves whether it was saved. */
  saveExport?: (suggestedFileName: string, content: string, format: 'csv' | 'json') => Promise<{ saved: boolean; fileName: string }>;
  /** Opens a portal page in the system browser; called only after the allow-list check. */
  openExternal?: (url: string) => Promise<void>;
  /**
   * Look, don't touch: poll and conclude, but write no file and raise no alert, so that a later `watch`
   * or the app still reports everything (`taskwatch check`).
   */
  readOnly?: boolean;
  /** Every alert as it is handed to the OS (the CLI prints them one per line). */
  onAlert?: (alert: Alert) => void;
  /** Overrides the configured poll interval (CLI `--interval`). */
  intervalSeconds?: number;
  requestTimeoutMs?: number;
}

export interface TaskwatchService {
  handlers: CommandHandlers;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  snapshot(): Snapshot;
  /** Delivers alerts left from last time, shows cached state, and starts polling. */
  start(): Promise<void>;
  /** Stops polling, waits for polls under way, saves state. */
  stop(): Promise<void>;
  /** One poll of every portal, awaited (`taskwatch check`, tests). */
  pollOnce(): Promise<Snapshot>;
}

/**
 * Taskwatch's core, assembled: config and state from `home`, one client per portal, the monitor, the
 * alert rules and the snapshot the window draws. The Electron shell, the CLI and the Chromium bridge
 * all run exactly this; only the adapters passed in differ.
 */
export async function createTaskwatchService(options: TaskwatchServiceOptions): Promise<TaskwatchService> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const notices: string[] = [];
  const config = await loadOrKeepAside('config', () => loadConfig(options.home, clock.now()), notices, logger);
  const state = await loadOrKeepAside('state', () => loadState(options.home, clock.now()), notices, logger);
  const settings = () => config.settings;

  const configWrites = new SerialWriter(logger);
  const stateWrites = new SerialWriter(logger);
  const persistConfig = () => (options.readOnly ? Promise.resolve() : configWrites.run(() => saveConfig(options.home, config)));
  const persistState = () => (options.readOnly ? Promise.resolve() : stateWrites.run(() => saveState(options.home, state)));

  const clients = new PortalClients(options.secrets, { clock, logger, timeoutMs: options.requestTimeoutMs });
  const directory = new PortalDirectory(config, options.secrets, persistConfig, (portal, password) => clients.for(portal, password));
  const statuses = new Map<string, Map<string, TaskStatus>>();
  const listeners = new Listeners();
  const background = new Set<Promise<void>>();
  let revision = 0;

  /** Alert delivery runs after each poll; tracked so stop() and pollOnce() can wait for it. */
  function inBackground(work: Promise<void>): void {
    background.add(work);
    void work.finally(() => background.delete(work));
  }
  const backgroundIdle = async () => {
    while (background.size > 0) await Promise.allSettled([...background]);
  };

  const alerts = new AlertCenter({
    state,
    notifier: options.notifier,
    settings,
    clock,
    persist: persistState,
    onDelivered: options.onAlert,
    portalUrl: (portalId) => config.portals.find((portal) => portal.id === portalId)?.url ?? portalId,
  });

  const monitor = new Monitor({
    state,
    portals: () => config.portals,
    defaultIntervalSeconds: () => options.intervalSeconds ?? config.settings.pollIntervalSeconds,
    apiFor: (portal) => clients.for(portal),
    clock,
    logger,
    onEvents: (portalId, events) => afterPoll(portalId, events),
  });

  function refreshStatuses(portal: PortalConfig): Map<string, TaskStatus> {
    const now = clock.now();
    const byTask = new Map<string, TaskStatus>();
    for (const taskState of Object.values(state.portals[portal.id]?.tasks ?? {})) {
      const graceMinutes = portal.tasks[taskState.task.id]?.graceMinutes;
      byTask.set(taskState.task.id, taskStatus(taskState, portal.timeZone, now, graceMinutes && graceMinutes * 60_000));
    }
    statuses.set(portal.id, byTask);
    return byTask;
  }

  function afterPoll(portalId: string, events: MonitorEvent[]): void {
    const portal = config.portals.find((candidate) => candidate.id === portalId);
    const portalState = state.portals[portalId];
    if (!portal || !portalState) return;
    const polledOk = portalState.health.status === 'ok';
    // A failed poll leaves the last known tasks on show, but stale tasks prove nothing new.
    const fresh = polledOk ? refreshStatuses(portal) : new Map<string, TaskStatus>();
    if (!options.readOnly) {
      const raised = alerts.raise(alertsFor({ portal, state: portalState, events, statuses: fresh, now: clock.now() }));
      // A quiet poll changes nothing worth writing (the timestamps are re-learnt on the next poll).
      if (events.length > 0 || raised.length > 0) inBackground(persistState().then(() => alerts.flush()));
    }
    changed();
  }

  function snapshot(): Snapshot {
    return buildSnapshot({
      revision,
      portals: config.portals,
      states: state.portals,
      statuses,
      nextPollAt: (portalId) => monitor.nextPollAt(portalId),
      settings: config.settings,
      notices,
    });
  }

  function changed(): void {
    revision++;
    listeners.emitDebounced('snapshot', snapshot, clock);
  }

  const handlers = createHandlers({
    directory,
    clients,
    monitor,
    snapshot,
    clock,
    updateSettings: async (changes) => {
      config.settings = applySettingsPatch(config.settings, changes);
      await persistConfig();
      changed();
      inBackground(alerts.flush()); // a resumed snooze releases what was held back
      return config.settings;
    },
    afterPortalsChanged: async () => {
      monitor.reconcile();
      alerts.prune(new Set(config.portals.map((portal) => portal.id)));
      await persistState();
      changed();
    },
    saveExport: options.saveExport,
    openExternal: options.openExternal,
  });

  return {
    handlers,
    onEvent: (event, listener) => listeners.add(event, listener),
    snapshot,
    async start() {
      monitor.reconcile();
      for (const portal of config.portals) refreshStatuses(portal);
      alerts.prune(new Set(config.portals.map((portal) => portal.id)));
      if (!options.readOnly) {
        await alerts.flush();
        monitor.start();
      }
      changed();
    },
    async stop() {
      monitor.stop();
      await monitor.settle();
      await backgroundIdle();
      listeners.clear();
      await persistState();
      await Promise.all([configWrites.idle(), stateWrites.idle()]);
    },
    async pollOnce() {
      monitor.reconcile();
      await monitor.pollNow();
      await backgroundIdle();
      return snapshot();
    },
  };
}

async function loadOrKeepAside<T>(
  what: 'config' | 'state',
  load: () => Promise<LoadResult<T>>,
  notices: string[],
  logger: Logger,
): Promise<T> {
  const result = await load();
  if (result.status === 'kept-aside') {
    const consequence = what === 'config' ? 'Taskwatch started without portals' : 'Taskwatch starts afresh: old history is not replayed';
    const notice = `The ${what} file was not valid (${result.problem}). It was kept unchanged as ${result.keptAt}; ${consequence}.`;
    notices.push(notice);
    logger.log('error', notice);
  }
  return result.value;
}

/**
 * Saves one after another, so an older snapshot of the state never lands after a newer one, and
 * coalesces: requests made while a save is waiting to start share that save.
 */
class SerialWriter {
  #queue: Promise<void> = Promise.resolve();
  #waiting: Promise<void> | null = null;
  constructor(private readonly logger: Logger) {}

  run(write: () => Promise<void>): Promise<void> {
    if (this.#waiting) return this.#waiting;
    const next = this.#queue
      .then(() => {
        this.#waiting = null;
        return write();
      })
      .catch((error: Error) => {
        this.logger.log('error', 'Could not save Taskwatch files', { error: error.message });
      });
    this.#waiting = next;
    this.#queue = next;
    return next;
  }

  idle(): Promise<void> {
    return this.#queue;
  }
}

/** Typed event listeners; snapshot pushes are coalesced so a burst of polls sends one picture. */
class Listeners {
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  #pending: (() => void) | null = null;

  add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emitDebounced(event: 'snapshot', build: () => Snapshot, clock: Clock): void {
    if (this.#pending || !this.#listeners.get(event)?.size) return;
    this.#pending = clock.setTimeout(() => {
      this.#pending = null;
      const payload = build();
      for (const listener of this.#listeners.get(event) ?? []) (listener as (payload: Snapshot) => void)(payload);
    }, 100);
  }

  clear(): void {
    this.#pending?.();
    this.#pending = null;
    this.#listeners.clear();
  }
}

export type { ConfigFile, StateFile };
