/**
 * The portal's schedule zone, read from its own data: a task's epoch `lastStart` (and `startDate`) is an
 * occurrence of its cron expression in the zone the portal schedules in. Every zone the runtime knows is
 * tried; the zones in which the most tasks' start times are on schedule win.
 *
 * The rule, per task: a task fits a zone when each of its start times that tells zones apart is an
 * occurrence there (within a few seconds). Start times that are on no schedule in any zone (a run
 * started by hand) and those of tasks that fit every whole-hour zone alike (hourly at minute 0) tell
 * nothing and are left out. The zones that fit the most tasks win; the answer is
 * - `certain` when they keep one offset history (at the start times and over the next year) and at most
 *   one task in five disagrees (a hand-started run that happened to land on a scheduled second);
 * - `ambiguous` when several offset histories fit equally well (typically: all the evidence is from one
 *   season, so a zone with daylight saving and one without both fit), or up to half the tasks disagree;
 * - `none` when no start time tells zones apart, or no zone fits more than half the tasks.
 * When ambiguous, `zone` is still the best guess: the history holding the most widely used zone (see
 * zone-names.ts), then the one most zones share. Hourly schedules run alike in every candidate, and the
 * first start time after a clock change settles a daylight-saving question.
 */
import { START_TOLERANCE_MS, fitsEveryWholeHour, fittingOffsets } from './fitting-offsets';
import { formatUtcOffset, offsetOn, offsetTimeline, offsetsKey, type OffsetTimeline } from './offset-timeline';
import { allZones, representativeOf, widelyUsedAmong } from './zone-names';
import { uncachedOffsetMs } from './zone';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** Only recent start times count: the zone's current rules matter, and older dates may predate them. */
export const MAX_EVIDENCE_AGE_MS = 400 * DAY;
/** Start times looked up in every zone first, to set aside the zones that cannot win. */
const PROBES = 3;

export interface ZoneEvidence {
  /** The task's Quartz expression (e.g. `TaskSchedule.cron`); tasks without one tell nothing. */
  cron: string | null;
  /**
   * Instants (epoch ms) at which the portal says the task started on schedule: its `lastStart` and
   * `startDate` when the portal sent them as epoch numbers. A zone-less date string is no evidence: it
   * was read in an assumed zone.
   */
  starts: readonly number[];
}

export type ZoneConfidence = 'certain' | 'ambiguous' | 'none';

/** Zones that keep the same clocks at the evidence times and over the next year. */
export interface ZoneCandidate {
  /** The name to show: a widely used zone when one is among them, else the first by name. */
  zone: string;
  /** All of them, as the runtime names them. */
  zones: string[];
  /** Their offset now (ms). */
  offsetNowMs: number;
  /** Their offset now and its changes over the next year, e.g. `UTC+01:00, UTC+02:00 from 2027-03-28 01:00 UTC`. */
  offsets: string;
}

/** One start time, the offsets in which it is on schedule, and the tasks (indexes into the evidence) that have it. */
export interface FittedStart {
  at: number;
  fits: readonly number[];
  tasks: number[];
}

export interface ZoneInference {
  confidence: ZoneConfidence;
  /** The zone to schedule in: the first candidate's; null when `none`. */
  zone: string | null;
  /** The best-fitting offset histories, the chosen one first (several when `ambiguous`). */
  candidates: ZoneCandidate[];
  /** Tasks whose start times fit `zone`, of those whose start times tell zones apart. */
  tasksFitting: number;
  tasksConsidered: number;
  /** The same counted by start time (a task may give lastStart and startDate). */
  startsFitting: number;
  startsConsidered: number;
  /** Start times on no schedule in any zone (manual runs), left out. */
  offSchedule: number;
  /** The answer in one sentence, for logs and the window. */
  summary: string;
  /** What the answer was drawn from, so that a configured zone can be held against it. */
  evidence: { starts: FittedStart[]; taskCount: number; from: number; to: number; now: number };
}

/** A start time that fits every whole-hour offset (an hourly task's): it tells no such zone apart, but rules out the others. */
interface WholeHourStart {
  at: number;
  task: number;
}

/** Discriminating start times, one entry per distinct (instant, fitting offsets), and the whole-hour ones. */
function fittedStarts(evidence: readonly ZoneEvidence[], now: number): { starts: FittedStart[]; wholeHour: WholeHourStart[]; offSchedule: number } {
  // Keyed by the answer itself: the same (expression, instant) gives the same array.
  const byAnswer = new Map<readonly number[], Map<number, FittedStart>>();
  const wholeHour: WholeHourStart[] = [];
  let offSchedule = 0;
  for (const [index, task] of evidence.entries()) {
    if (!task.cron) continue;
    for (const at of new Set(task.starts)) {
      if (!Number.isFinite(at) || at < now - MAX_EVIDENCE_AGE_MS || at > now + START_TOLERANCE_MS) continue;
      const fits = fittingOffsets(task.cron, at);
      if (fits === null) continue;
      if (fitsEveryWholeHour(fits)) {
        wholeHour.push({ at, task: index });
        continue;
      }
      if (fits.length === 0) {
        offSchedule += 1;
        continue;
      }
      let byInstant = byAnswer.get(fits);
      if (!byInstant) byAnswer.set(fits, (byInstant = new Map()));
      const start = byInstant.get(at);
      if (!start) byInstant.set(at, { at, fits, tasks: [index] });
      else if (start.tasks.at(-1) !== index) start.tasks.push(index);
    }
  }
  // The start times most tasks share first: they decide fastest.
  const starts = [...byAnswer.values()].flatMap((byInstant) => [...byInstant.values()]).sort((a, b) => b.tasks.length - a.tasks.length || b.at - a.at);
  return { starts, wholeHour, offSchedule };
}

/** Tasks with a start time that is not on schedule at these offsets; stops counting past `bound`. */
export function tasksMissed(starts: readonly FittedStart[], taskCount: number, offsetAt: (at: number) => number, bound = Infinity): number {
  const missed = new Uint8Array(taskCount);
  let misses = 0;
  for (const start of starts) {
    if (start.fits.includes(offsetAt(start.at))) continue;
    for (const task of start.tasks) {
      if (missed[task]) continue;
      missed[task] = 1;
      misses += 1;
    }
    if (misses > bound) break;
  }
  return misses;
}

interface Winner {
  zone: string;
  timeline: OffsetTimeline;
}

/**
 * The zones that miss the fewest tasks, with their offsets up to `until`. Each zone is first looked up
 * at a few start times only: a zone that already misses more tasks there than the best zone misses in
 * all is never looked at further.
 */
/** Every zone's offset at an instant, in allZones() order: the same few start times come back each poll. */
const probeTables = new Map<number, Int32Array>();
const PROBE_TABLES_KEPT = 32;

function offsetsOfEveryZone(at: number): Int32Array {
  let table = probeTables.get(at);
  if (!table) {
    table = Int32Array.from(allZones(), (zone) => uncachedOffsetMs(at, zone));
    if (probeTables.size >= PROBE_TABLES_KEPT) probeTables.clear();
    probeTables.set(at, table);
  }
  return table;
}

function bestZones(starts: readonly FittedStart[], taskCount: number, from: number, to: number, until: number): { winners: Winner[]; misses: number } {
  const probes = starts.slice(0, PROBES);
  const tables = new Map(probes.map((probe) => [probe.at, offsetsOfEveryZone(probe.at)]));
  const probeMisses = (index: number, count: number) => tasksMissed(probes.slice(0, count), taskCount, (at) => tables.get(at)![index]!);
  const ranked = allZones()
    .map((zone, index) => ({ zone, index, bound: probeMisses(index, 1) }))
    .sort((a, b) => a.bound - b.bound);
  const missesByHistory = new Map<string, number>();
  let best = Infinity;
  let winners: Winner[] = [];
  for (const { zone, index, bound } of ranked) {
    if (bound > best) break;
    if (probes.length > 1 && probeMisses(index, PROBES) > best) continue;
    const timeline = offsetTimeline(zone, from, until);
    // Zones with the same offsets over the evidence span [from, to] miss the same tasks.
    const history = offsetsKey(timeline, from, to);
    let misses = missesByHistory.get(history);
    if (misses === undefined) {
      misses = tasksMissed(starts, taskCount, (at) => offsetOn(timeline, at), best);
      missesByHistory.set(history, misses);
    }
    if (misses < best) {
      best = misses;
      winners = [];
    }
    if (misses === best) winners.push({ zone, timeline });
  }
  return { winners, misses: best };
}

function describeOffsets(timeline: OffsetTimeline, now: number): string {
  const parts = [formatUtcOffset(offsetOn(timeline, now))];
  for (const change of timeline.changes) {
    if (change.at <= now || change.at > now + YEAR) continue;
    const when = new Date(change.at).toISOString().slice(0, 16).replace('T', ' ');
    parts.push(`${formatUtcOffset(change.offsetMs)} from ${when} UTC`);
  }
  return parts.join(', ');
}

/** Winners grouped by offset history over the evidence span and the next year, the preferred group first. */
function candidatesOf(winners: readonly Winner[], from: number, to: number, now: number): ZoneCandidate[] {
  const groups = new Map<string, Winner[]>();
  for (const winner of winners) {
    const key = `${offsetsKey(winner.timeline, from, to)}|${offsetsKey(winner.timeline, now, now + YEAR)}`;
    groups.set(key, [...(groups.get(key) ?? []), winner]);
  }
  const rank = (zones: string[]) => widelyUsedAmong(zones)?.rank ?? Infinity;
  return [...groups.values()]
    .map((group) => {
      const zones = group.map((winner) => winner.zone).sort();
      const { timeline } = group[0]!;
      return { zone: representativeOf(zones), zones, offsetNowMs: offsetOn(timeline, now), offsets: describeOffsets(timeline, now) };
    })
    .sort((a, b) => rank(a.zones) - rank(b.zones) || b.zones.length - a.zones.length || a.zone.localeCompare(b.zone));
}

function startsFittingZone(starts: readonly FittedStart[], timeline: OffsetTimeline): number {
  return starts.reduce((sum, start) => sum + (start.fits.includes(offsetOn(timeline, start.at)) ? start.tasks.length : 0), 0);
}

/** `3 of 3 tasks`, `1 of 1 task`. */
export function tasksCounted(fitting: number, considered: number): string {
  return `${fitting} of ${considered} task${considered === 1 ? '' : 's'}`;
}

function summaryOf(confidence: ZoneConfidence, candidates: readonly ZoneCandidate[], tasksFitting: number, tasksConsidered: number): string {
  if (tasksConsidered === 0) return 'No task start time tells the portal\'s time zone (hourly tasks fit every whole-hour zone; zone-less dates are no evidence).';
  const [first, ...others] = candidates;
  const counted = tasksCounted(tasksFitting, tasksConsidered);
  if (confidence === 'none' || !first) return `The tasks' start times fit no one time zone: at best ${counted}.`;
  const fit = `The portal's task times fit ${first.zone} (${formatUtcOffset(first.offsetNowMs)}): ${counted}.`;
  if (others.length === 0) return fit;
  const shown = others.slice(0, 3).map((other) => other.zone);
  const alternatives = others.length > shown.length ? `${shown.join(', ')} and ${others.length - shown.length} more` : shown.join(', ');
  return `${fit} ${alternatives} fit${others.length === 1 ? 's' : ''} as well but keep${others.length === 1 ? 's' : ''} other clocks.`;
}

/**
 * The portal's schedule zone from its tasks' epoch start times; `now` (epoch ms) bounds the evidence's
 * age and starts the year over which candidate zones are compared.
 */
export function inferScheduleZone(evidence: readonly ZoneEvidence[], now: number): ZoneInference {
  const { starts, wholeHour, offSchedule } = fittedStarts(evidence, now);
  const considered = new Set(starts.flatMap((start) => start.tasks)).size;
  const startsConsidered = starts.reduce((sum, start) => sum + start.tasks.length, 0);
  const from = starts.reduce((earliest, start) => Math.min(earliest, start.at), now);
  const to = starts.reduce((latest, start) => Math.max(latest, start.at), from);
  const base = { offSchedule, tasksConsidered: considered, startsConsidered, evidence: { starts, taskCount: evidence.length, from, to, now } };
  if (considered === 0) {
    return { ...base, confidence: 'none', zone: null, candidates: [], tasksFitting: 0, startsFitting: 0, summary: summaryOf('none', [], 0, 0) };
  }

  const { winners, misses } = bestZones(starts, evidence.length, from, to, now + YEAR);
  const tasksFitting = considered - misses;
  const candidates = candidatesOf(winners, from, to, now);
  const chosen = winners.find((winner) => candidates[0]!.zones.includes(winner.zone))!;
  // Hourly tasks started on the hour vote against a half- or quarter-hour zone: one run started by hand at
  // half past must not outvote them (it would move every hourly task's due time by half an hour).
  const consideredTasks = new Set(starts.flatMap((start) => start.tasks));
  const against = new Set(wholeHour.filter((start) => offsetOn(chosen.timeline, start.at) % HOUR !== 0 && !consideredTasks.has(start.task)).map((start) => start.task));
  const confidence: ZoneConfidence =
    tasksFitting * 2 <= considered + against.size ? 'none' : candidates.length === 1 && misses * 5 <= considered ? 'certain' : 'ambiguous';
  return {
    ...base,
    confidence,
    zone: confidence === 'none' ? null : candidates[0]!.zone,
    candidates: confidence === 'none' ? [] : candidates,
    tasksFitting,
    startsFitting: startsFittingZone(starts, chosen.timeline),
    summary: summaryOf(confidence, candidates, tasksFitting, considered),
  };
}
