import type { ChannelConfig, Mute } from '../../contract/routing';
import { isProblemHealth, portalStatuses, type AlertKind } from '../../contract/vocabulary';
import { formatTime } from '../alerts/messages';
import { openProblemKeys } from '../alerts/rules';
import type { TaskStatus } from '../monitor/task-status';
import type { ConfigFile, PortalConfig } from '../store/config';
import { DESKTOP, type Alert, type HeldAlert, type PortalState, type StateFile } from '../store/state';
import { isWindowOpen } from './maintenance-window';

const HOUR = 3_600_000;
/** The problems a task's next successful run ends: what a recovery notice is news about. */
const ENDED_BY_A_RUN: ReadonlySet<AlertKind> = new Set(['failed-run', 'skipped-run', 'overdue']);

export interface RouterOptions {
  config: ConfigFile;
  state: StateFile;
  /** Puts the alert in the desktop outbox if Settings let its kind through; true when it did. */
  toDesktop: (alert: Alert) => boolean;
  /** Queues the alert for each channel `accept` lets through that wants it; the names queued. */
  toChannels: (alert: Alert, accept: (channel: ChannelConfig) => boolean) => string[];
}

/** What one review changed: config.json (a mute ended) and state.json (sent, released, pruned). */
export interface ReviewResult {
  configChanged: boolean;
  stateChanged: boolean;
}

/** Why an alert of this portal (and task) is held back now, or null when it may be sent. */
export function holdOf(config: ConfigFile, alert: Pick<Alert, 'portalId' | 'taskId'>, now: number): HeldAlert['during'] | null {
  if (config.maintenance.some((window) => window.portalId === alert.portalId && isWindowOpen(window, now))) return 'maintenance';
  const muted = config.mutes.some((mute) => covers(mute, alert) && (mute.until.kind === 'recovery' || now < mute.until.at));
  return muted ? 'mute' : null;
}

const covers = (mute: Mute, alert: Pick<Alert, 'portalId' | 'taskId'>) =>
  mute.portalId === alert.portalId && (mute.taskId === null || mute.taskId === alert.taskId);

const RELEASE_NOTES: Record<HeldAlert['during'], string> = {
  maintenance: 'Held back during a maintenance window; still open when it closed.',
  mute: 'Held back while muted; still open when the mute ended.',
};

/**
 * Where each raised alert goes: the desktop and the channels that want it, unless a mute or an open
 * maintenance window holds it back. Held alerts are kept in state (with their keys recorded as raised,
 * so they are never news again); when the hold ends, those still open are sent once, with a note, and
 * those that cleared meanwhile are dropped. It remembers who was told of each open problem, so a
 * recovery notice reaches only those who heard the problem it ends, and a channel (or the desktop) with a
 * reminder interval hears of a problem again while it stays open.
 */
export class Router {
  #changed = false;

  constructor(private readonly options: RouterOptions) {}

  /** A newly raised alert: held, or sent now. True when it went to the desktop outbox. */
  route(alert: Alert, now: number): boolean {
    this.#changed = true;
    // A recovery's audience is fixed now: the problem it ends is forgotten with it.
    const audience = alert.kind === 'recovered' ? this.#heardBy(alert) : null;
    const during = holdOf(this.options.config, alert, now);
    if (during) {
      this.options.state.routing.held.push({ alert, during, audience });
      return false;
    }
    return this.#send(alert, audience, now);
  }

  /**
   * After a poll of the portal (`statuses`: the tasks' last known conclusions; `listed`: they are fresh):
   * ends mutes that are over, sends what a hold that ended kept and is still open, sends reminders, and
   * forgets problems that are over.
   */
  review(portal: PortalConfig, portalState: PortalState, statuses: Map<string, TaskStatus>, listed: boolean, now: number): ReviewResult {
    const configChanged = this.#endMutes(portal, portalState, statuses, listed, now);
    const { held, told } = this.options.state.routing;
    const ofPortal = ({ alert }: { alert: Alert }) => alert.portalId === portal.id;
    // Most polls have nothing held or told for the portal: then what is open need not be worked out.
    if (held.some(ofPortal) || Object.values(told).some(ofPortal)) {
      const open = openProblemKeys({ portal, state: portalState, statuses, now });
      this.#release(portal.id, open, now);
      this.#remind(portal.id, open, now);
      this.#forget(portal.id, open, statuses);
    }
    const stateChanged = this.#changed;
    this.#changed = false;
    return { configChanged, stateChanged };
  }

  /** Drops the mutes, windows and held alerts of portals no longer configured; true when config changed. */
  prune(portalIds: Set<string>): boolean {
    const { config, state } = this.options;
    const kept = <T extends { portalId: string }>(items: T[]) => items.filter((item) => portalIds.has(item.portalId));
    const [mutes, maintenance] = [kept(config.mutes), kept(config.maintenance)];
    const configChanged = mutes.length !== config.mutes.length || maintenance.length !== config.maintenance.length;
    config.mutes = mutes;
    config.maintenance = maintenance;
    state.routing.held = state.routing.held.filter((held) => portalIds.has(held.alert.portalId));
    for (const [key, told] of Object.entries(state.routing.told)) if (!portalIds.has(told.alert.portalId)) delete state.routing.told[key];
    return configChanged;
  }

  #send(alert: Alert, audience: string[] | null, now: number): boolean {
    const { state, toDesktop, toChannels } = this.options;
    const listens = (name: string) => audience === null || audience.includes(name);
    const desktop = listens(DESKTOP) && toDesktop(alert);
    const channels = toChannels(alert, (channel) => listens(channel.name));
    const told = [...(desktop ? [DESKTOP] : []), ...channels];
    if (alert.kind !== 'recovered' && told.length > 0) {
      state.routing.told[alert.key] = { alert, lastSentAt: Object.fromEntries(told.map((name) => [name, now])) };
    }
    return desktop;
  }

  /** Who was told of the task's problems a successful run ends; they are forgotten (the recovery ends them). */
  #heardBy(recovery: Alert): string[] {
    const { told } = this.options.state.routing;
    const audience = new Set<string>();
    for (const [key, problem] of Object.entries(told)) {
      const { portalId, taskId, kind } = problem.alert;
      if (portalId !== recovery.portalId || taskId !== recovery.taskId || !ENDED_BY_A_RUN.has(kind)) continue;
      for (const name of Object.keys(problem.lastSentAt)) audience.add(name);
      delete told[key];
    }
    return [...audience];
  }

  /** Time mutes that are over (any portal), and this portal's recovery mutes once what they cover is healthy. */
  #endMutes(portal: PortalConfig, portalState: PortalState, statuses: Map<string, TaskStatus>, listed: boolean, now: number): boolean {
    const { config } = this.options;
    const healthy = (mute: Mute) => {
      if (!listed || mute.portalId !== portal.id) return false;
      const taskHealthy = (taskId: string) => !isProblemHealth(statuses.get(taskId)?.health ?? 'ok');
      if (mute.taskId !== null) return taskHealthy(mute.taskId);
      return portalStatuses[portalState.health.status].problem === null && [...statuses.keys()].every(taskHealthy);
    };
    const over = (mute: Mute) => (mute.until.kind === 'time' ? now >= mute.until.at : healthy(mute));
    const kept = config.mutes.filter((mute) => !over(mute));
    if (kept.length === config.mutes.length) return false;
    config.mutes = kept;
    return true;
  }

  /**
   * The portal's held alerts no longer held are sent if still worth it (a problem still open, a recovery
   * someone heard the problem of); those no longer worth it are dropped, held or not.
   */
  #release(portalId: string, open: Set<string>, now: number): void {
    const { state, config } = this.options;
    // What would never be sent goes now, so a long mute of a flapping task keeps only what is still open.
    const worthSending = ({ alert, audience }: HeldAlert) => (alert.kind === 'recovered' ? (audience ?? []).length > 0 : open.has(alert.key));
    const mine = state.routing.held.filter((held) => held.alert.portalId === portalId);
    const kept = state.routing.held.filter((held) => held.alert.portalId !== portalId || (worthSending(held) && holdOf(config, held.alert, now) !== null));
    if (kept.length === state.routing.held.length) return;
    this.#changed = true;
    state.routing.held = kept;
    for (const held of mine) {
      if (kept.includes(held) || !worthSending(held)) continue;
      this.#send({ ...held.alert, body: `${held.alert.body}\n${RELEASE_NOTES[held.during]}`.trim() }, held.audience, now);
    }
  }

  /** Whoever has a reminder interval (a channel, the desktop) hears again of a problem it was told of that is still open, unless it is held. */
  #remind(portalId: string, open: Set<string>, now: number): void {
    const { state, config, toChannels, toDesktop } = this.options;
    const listeners = [
      ...config.channels.map((channel) => ({
        name: channel.name,
        hours: channel.remindEveryHours,
        send: (reminder: Alert) => toChannels(reminder, (candidate) => candidate.name === channel.name).length > 0,
      })),
      { name: DESKTOP, hours: config.settings.remindEveryHours, send: toDesktop },
    ];
    for (const problem of Object.values(state.routing.told)) {
      const { alert } = problem;
      if (alert.portalId !== portalId || !open.has(alert.key) || holdOf(config, alert, now) !== null) continue;
      for (const listener of listeners) {
        const last = problem.lastSentAt[listener.name];
        const interval = (listener.hours ?? 0) * HOUR;
        if (interval === 0 || last === undefined || now - last < interval) continue;
        const reminder: Alert = {
          ...alert,
          key: `${alert.key}:reminder:${now}`,
          title: `Reminder: ${alert.title}`,
          body: `${alert.body}\nStill open since ${formatTime(alert.createdAt)}.`,
          createdAt: now,
        };
        // Kept on the first send's beat, whenever the poll came: one reminder per interval, however late (or long away).
        const beat = last + Math.floor((now - last) / interval) * interval;
        if (listener.send(reminder)) problem.lastSentAt[listener.name] = beat;
        this.#changed = true;
      }
    }
  }

  /** Forgets problems that are over; those a successful run ends are kept while the task is still unwell, for its recovery notice. */
  #forget(portalId: string, open: Set<string>, statuses: Map<string, TaskStatus>): void {
    const { told } = this.options.state.routing;
    for (const [key, { alert }] of Object.entries(told)) {
      if (alert.portalId !== portalId || open.has(key)) continue;
      const unwell = alert.taskId !== undefined && isProblemHealth(statuses.get(alert.taskId)?.health ?? 'ok');
      if (ENDED_BY_A_RUN.has(alert.kind) && unwell) continue;
      delete told[key];
      this.#changed = true;
    }
  }
}

