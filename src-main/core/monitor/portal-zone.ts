/**
 * The zone a portal's schedules and zone-less dates are read in: the one the admin configured, else the
 * one learnt from the portal's own data, else not known (read as UTC meanwhile, and no conclusion that
 * depends on the zone is drawn: no overdue, no stuck). A configured zone the portal's task times
 * contradict is said, not silently used or silently replaced.
 *
 * Learning, best evidence first: the tasks' epoch start times (core/time/zone-inference.ts); for a
 * portal that writes only zone-less text, the moments new runs appear (core/time/offset-observation.ts),
 * which give its current UTC offset.
 */
import { parseArcgisDate } from '../portal/dates';
import type { PortalRun, PortalTask } from '../portal/types';
import type { PortalConfig } from '../store/config';
import type { PortalState } from '../store/state';
import { formatUtcOffset } from '../time/offset-timeline';
import { offsetFromObservations } from '../time/offset-observation';
import { offsetMs } from '../time/zone';
import { checkConfiguredZone } from '../time/zone-check';
import { zoneEvidenceOf } from '../time/zone-evidence';
import { inferScheduleZone, type ZoneEvidence } from '../time/zone-inference';
import { allZones } from '../time/zone-names';

export type ZoneSource = 'configured' | 'learnt' | 'unknown';

export interface PortalZoneView {
  zone: string;
  source: ZoneSource;
  note: string | null;
}

const ASSUMED = 'UTC';
const HOUR = 3_600_000;
/** Only recent appearances count: across a daylight-saving change older ones disagree with newer ones. */
const OBSERVATION_WINDOW_MS = 12 * HOUR;
const MAX_OBSERVATIONS = 24;

export function portalZone(portal: PortalConfig, state: PortalState | undefined): PortalZoneView {
  const learnt = state?.zone;
  if (portal.timeZone) return { zone: portal.timeZone, source: 'configured', note: learnt?.mismatch ?? null };
  if (learnt?.learnt) return { zone: learnt.learnt, source: 'learnt', note: learnt.summary };
  const why = learnt?.summary ? ` (${learnt.summary})` : '';
  return {
    zone: ASSUMED,
    source: 'unknown',
    note: `The portal's time zone is not known yet${why}: set it in the portal's settings, or wait for a new run. Until then Taskwatch reads its dates as UTC and judges overdue or stuck runs only of tasks that run every hour.`,
  };
}

/**
 * Reads the portal's task list (and the new runs seen so far) for its zone and records what it says.
 * Returns true when the zone dates are read in changed, so the caller reads the list again; dates
 * already stored from zone-less text are moved to the new zone.
 */
export function learnZone(portal: PortalConfig, state: PortalState, tasks: PortalTask[], now: number): boolean {
  const from = { tasks, configured: portal.timeZone, observations: state.zone.observations };
  const last = learntFrom.get(state);
  if (last && now < last.until && last.tasks === from.tasks && last.configured === from.configured && last.observations === from.observations) return false;
  learntFrom.set(state, { ...from, until: relearnAt(state, now) });
  const before = portalZone(portal, state).zone;
  const evidence = tasks.map(evidenceOf);
  const inference = inferScheduleZone(evidence, now);
  state.zone.wholeHours = inference.zone === null && inference.tasksConsidered === 0 && evidence.some((task) => task.cron !== null && task.starts.length > 0);
  if (portal.timeZone) {
    state.zone = { ...state.zone, mismatch: checkConfiguredZone(portal.timeZone, inference) };
    return false;
  }
  if (inference.zone !== null) {
    state.zone = { ...state.zone, learnt: inference.zone, learntBy: 'task-times', summary: inference.summary, mismatch: null };
  } else if (state.zone.learntBy !== 'task-times') {
    const byRuns = zoneFromNewRuns(state, now);
    // A list that tells nothing keeps what was learnt before.
    if (byRuns) state.zone = { ...state.zone, ...byRuns, learntBy: 'new-runs' };
    else if (!state.zone.learnt) state.zone = { ...state.zone, summary: inference.summary };
  }
  const after = portalZone(portal, state).zone;
  if (after === before) return false;
  if (state.zone.textRunDates) moveTextDates(state, offsetMs(now, before) - offsetMs(now, after));
  return true;
}

/**
 * What each portal's zone was last learnt from: the same list (the client hands out the same objects for
 * the same answer), the same new runs seen and the same configured zone say the same again, until the
 * clock alone may change it (relearnAt).
 */
const learntFrom = new WeakMap<PortalState, { tasks: PortalTask[]; configured: string | null; observations: PortalState['zone']['observations']; until: number }>();

/**
 * When the same evidence may say something else: when a new run seen leaves the observation window, and
 * at least hourly for the slow changes (a start time older than the evidence's age limit, the year ahead
 * whose daylight-saving changes the candidates are compared over).
 */
function relearnAt(state: PortalState, now: number): number {
  const leaving = state.zone.observations.map(([, seenAt]) => seenAt + OBSERVATION_WINDOW_MS).filter((at) => at > now);
  return Math.min(now + HOUR, ...leaving);
}

/** What each listed task tells of the zone, worked out once: a list answered alike is the same objects (PortalClient.listTasks). */
const evidenceByTask = new WeakMap<PortalTask, ZoneEvidence>();
function evidenceOf(task: PortalTask): ZoneEvidence {
  let found = evidenceByTask.get(task);
  if (!found) evidenceByTask.set(task, (found = zoneEvidenceOf(task)));
  return found;
}

/**
 * Whether a task can be judged (overdue, stuck) in the zone its dates are read in. Always, where the zone
 * is configured or learnt. Where it is not known, only an every-hour schedule on a portal whose absolute
 * start times fit every whole-hour zone and whose run dates are absolute: it fires at the same instants
 * in all of them.
 */
export function zoneSettledFor(view: PortalZoneView, state: PortalState | undefined, cron: string | null): boolean {
  if (view.source !== 'unknown') return true;
  if (!state?.zone.wholeHours || state.zone.textRunDates || cron === null) return false;
  const [, , hour, dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/);
  const every = (field: string | undefined) => field === '*' || field === '?';
  return every(hour) && every(dayOfMonth) && every(month) && every(dayOfWeek);
}

/**
 * Notes what runs read from the portal say about its zone: whether their dates are zone-less text, and,
 * for new ones, when they appeared (`lookedBeforeAt`: when this task's runs were last read).
 */
export function observeRuns(portal: PortalConfig, state: PortalState, runs: PortalRun[], news: PortalRun[], lookedBeforeAt: number | null, now: number): void {
  if (runs.some((run) => run.dateText.created !== null)) state.zone.textRunDates = true;
  if (portal.timeZone || state.zone.learntBy === 'task-times' || lookedBeforeAt === null) return;
  const fresh = news.flatMap((run) => {
    if (run.dateText.created === null) return [];
    const createdAsUtc = parseArcgisDate(run.dateText.created, 'UTC');
    const modifiedAsUtc = parseArcgisDate(run.dateText.modified, 'UTC');
    if (createdAsUtc === null) return [];
    const lasted = modifiedAsUtc !== null && modifiedAsUtc > createdAsUtc ? modifiedAsUtc - createdAsUtc : 0;
    return [[createdAsUtc, now, now - lookedBeforeAt + lasted] as [number, number, number]];
  });
  state.zone.observations = [...state.zone.observations, ...fresh].filter(([, seenAt]) => now - seenAt <= OBSERVATION_WINDOW_MS).slice(-MAX_OBSERVATIONS);
}

function zoneFromNewRuns(state: PortalState, now: number): { learnt: string; summary: string } | null {
  const recent = state.zone.observations.filter(([, seenAt]) => now - seenAt <= OBSERVATION_WINDOW_MS);
  if (recent.length === 0) return null;
  const offsets = offsetFromObservations(recent.map(([createdAsUtc, firstSeenAt, maxAgeMs]) => ({ createdAsUtc, firstSeenAt, maxAgeMs })));
  if (offsets.length !== 1) return null;
  const zone = zoneWithOffset(offsets[0]!, now);
  if (zone === null) return null;
  const runs = recent.length === 1 ? 'a new run' : `${recent.length} new runs`;
  return { learnt: zone, summary: `${formatUtcOffset(offsets[0]!)}, learnt from when ${runs} appeared; daylight saving cannot be seen this way` };
}

/** A fixed-offset zone (Etc/GMT-style names count the other way round), else any zone at that offset now. */
function zoneWithOffset(offset: number, now: number): string | null {
  if (offset === 0) return 'UTC';
  if (offset % HOUR === 0 && Math.abs(offset) <= 12 * HOUR) return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset) / HOUR}`;
  return allZones().find((zone) => offsetMs(now, zone) === offset) ?? null;
}

/** Dates stored from zone-less text were read in the old zone: move them by the difference, so no run seen becomes news. */
function moveTextDates(state: PortalState, deltaMs: number): void {
  if (deltaMs === 0) return;
  const move = (at: number | null) => (at === null ? null : at + deltaMs);
  for (const task of Object.values(state.tasks)) {
    task.ledger = {
      ...task.ledger,
      through: move(task.ledger.through),
      recent: task.ledger.recent.map(([id, created]) => [id, move(created)]),
    };
    task.runs = task.runs.map((run) => ({ ...run, created: move(run.created), modified: move(run.modified), startedAt: move(run.startedAt) }));
    if (task.outrun) task.outrun = { ...task.outrun, since: task.outrun.since + deltaMs };
  }
}
