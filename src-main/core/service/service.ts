import { applySettingsPatch, type Snapshot } from '../../contract/models';
import type { CommandHandlers, EventName, EventPayload } from '../../contract/api';
import { AlertCenter } from '../alerts/alert-center';
import { portalName } from '../alerts/messages';
import { ChannelCenter } from '../channels/channel-center';
import { ChannelDirectory } from '../channels/channel-directory';
import { RoutingDirectory } from '../routing/routing-directory';
import { Router } from '../routing/router';
import type { ChannelMessage } from '../channels/channel-message';
import { Monitor } from '../monitor/monitor';
import { DEFAULT_CONNECTIONS_PER_PORTAL } from '../portal';
import { systemClock, silentLogger, type Clock, type Logger, type Notifier, type SecretStore } from '../ports';
import { isTaskActive } from '../schedule';
import { loadConfig, saveConfig, type ConfigFile } from '../store/config';
import type { LoadResult } from '../store/json-file';
import type { Alert, StateFile } from '../store/state';
import { StateStore } from '../store/state-store';
import { buildSnapshot, buildTaskView } from '../views/snapshot';
import { taskPageUrl } from '../views/task-page';
import { AlertPolicy } from './alert-policy';
import { createHandlers } from './handlers';
import { Listeners } from './listeners';
import { PortalClients } from './portal-clients';
import { PortalDirectory } from './portal-directory';
import { PollStats, type PortalPollStats } from './poll-stats';
import { RunHistories } from './run-history';
import { SerialWriter } from './serial-writer';
import { learnZone, observeRuns, portalZone } from '../monitor/portal-zone';
import { TaskStatuses, runsNeededToConclude } from './task-statuses';

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
  /** Requests in flight at once to one portal, over as many kept-alive connections. Default 4. */
  requestsPerPortal?: number;
  /** Randomness of the jitter that spreads polls, [0, 1). Default Math.random. */
  random?: () => number;
  /** How long one email or webhook send may take before it counts as failed. Default 15 s. */
  channelTimeoutMs?: number;
  /** Extra trust for SMTP servers' TLS certificates (tests; a private CA). */
  channelCa?: string;
}

export interface TaskwatchService {
  handlers: CommandHandlers;
  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  snapshot(): Snapshot;
  /** Delivers alerts left from last time, shows cached state, and starts polling. */
  start(): Promise<void>;
  /** Stops polling, waits for polls under way, hangs up the portals' connections, saves state. */
  stop(): Promise<void>;
  /** One poll of every portal, awaited (`taskwatch check`, tests). */
  pollOnce(): Promise<Snapshot>;
  /** The last poll's duration and the requests made so far, for one portal (metrics). */
  pollStats(portalId: string): PortalPollStats;
  /** When the first run of the task's current overdue episode was due, or null when it is not overdue. */
  overdueSince(portalId: string, taskId: string): number | null;
  /** Email and chat channels: add, list, test, remove (the CLI; the window goes through `handlers`). */
  channels: ChannelDirectory;
  /** Mutes and maintenance windows: add, list, remove. */
  routing: RoutingDirectory;
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
  const { store, loaded } = await StateStore.open(options.home, clock.now());
  const state = await loadOrKeepAside('state', async () => loaded, notices, logger);
  const settings = () => config.settings;
  const portalOf = (portalId: string) => config.portals.find((candidate) => candidate.id === portalId);
  const requestsPerPortal = options.requestsPerPortal ?? DEFAULT_CONNECTIONS_PER_PORTAL;

  const configWrites = new SerialWriter(logger);
  const stateWrites = new SerialWriter(logger);
  const persistConfig = () => (options.readOnly ? Promise.resolve() : configWrites.run(() => saveConfig(options.home, config)));
  const persistState = () => (options.readOnly ? Promise.resolve() : stateWrites.run(() => store.save()));

  const clients = new PortalClients(options.secrets, {
    clock,
    logger,
    timeoutMs: options.requestTimeoutMs,
    connectionsPerPortal: requestsPerPortal,
    zoneOf: (portal) => portalZone(portal, state.portals[portal.id]).zone,
  });
  const directory = new PortalDirectory(config, options.secrets, persistConfig, (portal, password) => clients.for(portal, password));
  const statuses = new TaskStatuses(state);
  const pollStats = new PollStats();
  const histories = new RunHistories();
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

  const channelCenter = new ChannelCenter({
    state,
    channels: () => config.channels,
    secrets: options.secrets,
    clock,
    logger,
    persist: persistState,
    describe: (alert) => channelMessage(config, state, alert, clock.now()),
    onDeliveryChanged: () => changed(),
    timeoutMs: options.channelTimeoutMs,
    ca: options.channelCa,
  });
  // A mute or a window that came or went changes what is held back: the window (and serve) hear of it at
  // once, whoever made it (the window, or the CLI through a running owner).
  const routing = new RoutingDirectory({
    config,
    saveConfig: async () => {
      await persistConfig();
      changed();
    },
    now: () => clock.now(),
  });
  const channels = new ChannelDirectory({
    config,
    state,
    secrets: options.secrets,
    center: channelCenter,
    saveConfig: persistConfig,
    saveState: persistState,
    now: () => clock.now(),
  });

  const alerts: AlertCenter = new AlertCenter({
    state,
    notifier: options.notifier,
    settings,
    clock,
    persist: persistState,
    route: (alert) => router.route(alert, clock.now()),
    onDelivered: options.onAlert,
    onUndelivered: () => changed(),
    portalUrl: (portalId) => portalOf(portalId)?.url ?? portalId,
  });

  const router: Router = new Router({
    config,
    state,
    toDesktop: (alert) => alerts.toDesktop(alert),
    toChannels: (alert, accept) => channelCenter.enqueue(alert, accept),
  });

  const policy = new AlertPolicy({
    statuses,
    alerts,
    router,
    readOnly: options.readOnly ?? false,
    persistState,
    persistConfig,
    flushChannels: () => channelCenter.flush(),
    inBackground,
  });

  const monitor = new Monitor({
    state,
    portals: () => config.portals,
    defaultIntervalSeconds: () => options.intervalSeconds ?? config.settings.pollIntervalSeconds,
    apiFor: (portal) => {
      const client = clients.for(portal);
      pollStats.clientTaken(portal.id, clock.now(), client);
      return client;
    },
    runsWanted: (portal) => ({
      of: (taskState) => runsNeededToConclude(statuses, portal.id, taskState, clock.now()),
      from: () => statuses.runsWantedFrom(portal.id),
    }),
    learnZone: (portal, portalState, tasks) => learnZone(portal, portalState, tasks, clock.now()),
    observeRuns: (portal, portalState, runs, news, lookedBeforeAt) => observeRuns(portal, portalState, runs, news, lookedBeforeAt, clock.now()),
    requestsPerPortal,
    random: options.random,
    clock,
    logger,
    onEvents: (portalId, events) => {
      store.changed(portalId);
      pollStats.pollEnded(portalId, clock.now());
      const portal = portalOf(portalId);
      const portalState = state.portals[portalId];
      if (portal && portalState) policy.afterPoll(portal, portalState, events, clock.now());
      changed();
    },
  });

  /**
   * Built once per change, not per request or push (10,000 tasks take ~20 ms, and the window's wire form
   * of it is kept with it, see contract/wire-tables.ts). A rescheduled poll changes it without a change.
   */
  let built: { key: string; snapshot: Snapshot } | null = null;
  function snapshot(): Snapshot {
    const key = [revision, ...config.portals.map((portal) => monitor.nextPollAt(portal.id))].join(' ');
    if (built?.key !== key) built = { key, snapshot: buildSnapshotNow() };
    return built.snapshot;
  }

  function buildSnapshotNow(): Snapshot {
    return buildSnapshot({
      revision,
      portals: config.portals,
      states: state.portals,
      statuses: statuses.byPortal,
      nextPollAt: (portalId) => monitor.nextPollAt(portalId),
      settings: config.settings,
      notices,
      undelivered: state.undelivered,
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
    task: (ref) => buildTaskView({ portals: config.portals, states: state.portals, statuses: statuses.byPortal }, ref),
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
      channelCenter.prune(new Set(config.portals.map((portal) => portal.id)));
      if (router.prune(new Set(config.portals.map((portal) => portal.id)))) await persistConfig();
      pollStats.keepOnly(new Set(config.portals.map((portal) => portal.id)));
      clients.keepOnly(new Set(config.portals.map((portal) => portal.id)));
      histories.keepOnly(new Set(config.portals.map((portal) => portal.id)));
      await persistState();
      changed();
    },
    saveExport: options.saveExport,
    openExternal: options.openExternal,
    histories,
    expectedRunsBasis: ({ portalId, taskId }) => {
      const taskState = state.portals[portalId]?.tasks[taskId];
      const status = statuses.byPortal.get(portalId)?.get(taskId);
      return taskState && status ? { schedule: status.schedule, active: isTaskActive(taskState.task), activeSince: taskState.activeSince } : null;
    },
    routing: { channels, routing, secrets: options.secrets, now: () => clock.now() },
  });

  return {
    handlers,
    onEvent: (event, listener) => listeners.add(event, listener),
    snapshot,
    async start() {
      monitor.reconcile();
      for (const portal of config.portals) statuses.refresh(portal, clock.now());
      alerts.prune(new Set(config.portals.map((portal) => portal.id)));
      channelCenter.prune(new Set(config.portals.map((portal) => portal.id)));
      if (!options.readOnly) {
        await alerts.flush();
        void channelCenter.flush(); // what waited since last time; not awaited, like every channel send
        monitor.start();
      }
      changed();
    },
    async stop() {
      monitor.stop();
      alerts.stop();
      await channelCenter.stop();
      await monitor.settle();
      await backgroundIdle();
      clients.close();
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
    pollStats: (portalId) => pollStats.of(portalId),
    overdueSince: (portalId, taskId) => statuses.byPortal.get(portalId)?.get(taskId)?.overdue?.occurrence ?? null,
    channels,
    routing,
  };
}

/** An alert as channels tell it, with the portal's name and the task's title and page as configured now. */
function channelMessage(config: ConfigFile, state: StateFile, alert: Alert, now: number): ChannelMessage {
  const portal = config.portals.find((candidate) => candidate.id === alert.portalId);
  const url = portal?.url ?? alert.portalId;
  const task = alert.taskId === undefined ? null : { id: alert.taskId, title: state.portals[alert.portalId]?.tasks[alert.taskId]?.task.title ?? alert.taskId };
  return {
    key: alert.key,
    kind: alert.kind,
    title: alert.title,
    message: alert.body,
    portal: { url, name: portalName(url, portal?.label) },
    task,
    run: alert.runId === undefined ? null : { id: alert.runId },
    times: { raisedAt: new Date(alert.createdAt).toISOString(), sentAt: new Date(now).toISOString() },
    link: task && portal ? taskPageUrl(portal.adminUrl, task.id) : url,
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

export type { ConfigFile, StateFile };
