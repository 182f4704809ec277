/**
 * In which UTC offsets an instant is an occurrence of a cron expression. Whether `at` is an occurrence in
 * a zone depends only on the wall-clock time the zone shows at `at`, that is on the zone's offset then:
 * so the question is answered once per (expression, instant) for every offset, and zones are matched
 * against the answer afterwards.
 */
import { scheduleOf, type TaskSchedule } from '../schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Every zone's offset has been a multiple of 15 minutes since the 1970s (Nepal +05:45, Chatham +12:45). */
export const OFFSET_STEP_MS = 15 * MINUTE;
export const MIN_OFFSET_MS = -12 * HOUR;
export const MAX_OFFSET_MS = 14 * HOUR;
/**
 * How far a recorded start may be from the scheduled second: the documented sample is exact; a busy
 * scheduler fires a moment late. A manual run at a human's moment almost never lands this close.
 */
export const START_TOLERANCE_MS = 5_000;

/** Per expression: its occurrences in UTC (an instant plus an offset is the wall time there) and the answers so far. */
interface Known {
  schedule: TaskSchedule | null;
  answers: Map<number, readonly number[]>;
}
const known = new Map<string, Known>();
const EXPRESSIONS_KEPT = 20_000;
/** Each poll asks about a task's latest start again; older ones fall out of use. */
const ANSWERS_KEPT = 64;

function knownFor(cron: string): Known {
  let entry = known.get(cron);
  if (!entry) {
    const fields = {
      cronExpression: cron,
      cronSchedule: null,
      runIntervalSeconds: null,
      startDate: null,
      maxOccurrences: null,
      state: 'active',
      active: true,
      created: null,
      lastStart: null,
    };
    const schedule = scheduleOf(fields, 'UTC');
    entry = { schedule: schedule.kind === 'cron' ? schedule : null, answers: new Map() };
    if (known.size >= EXPRESSIONS_KEPT) known.clear();
    known.set(cron, entry);
  }
  return entry;
}

/**
 * The offsets (ms, multiples of 15 minutes from -12:00 to +14:00) in which `at` is, within
 * START_TOLERANCE_MS, an occurrence of the Quartz expression `cron`; null when the expression cannot be
 * computed. Wall times are matched as the pattern reads them: a start in a repeated hour counts (the
 * portal did start the task then), a time skipped by daylight saving never shows on a clock anyway.
 */
export function fittingOffsets(cron: string, at: number): readonly number[] | null {
  const { schedule, answers } = knownFor(cron);
  if (!schedule) return null;
  let found = answers.get(at);
  if (!found) {
    found = scan(schedule, at);
    if (answers.size >= ANSWERS_KEPT) answers.clear();
    answers.set(at, found);
  }
  return found;
}

/**
 * Walks the occurrences from at-12h to at+14h, visiting each 15-minute window around `at + offset` at
 * most once: a few steps for a daily expression, at most one per window even for one that fires every
 * second.
 */
function scan(schedule: TaskSchedule, at: number): number[] {
  const fits: number[] = [];
  const last = at + MAX_OFFSET_MS + START_TOLERANCE_MS;
  let cursor = at + MIN_OFFSET_MS - START_TOLERANCE_MS - 1;
  for (;;) {
    const occurrence = schedule.next(cursor);
    if (occurrence === null || occurrence > last) return fits;
    const nearest = Math.round((occurrence - at) / OFFSET_STEP_MS) * OFFSET_STEP_MS;
    if (Math.abs(occurrence - at - nearest) <= START_TOLERANCE_MS) {
      if (nearest >= MIN_OFFSET_MS && nearest <= MAX_OFFSET_MS) fits.push(nearest);
      cursor = at + nearest + OFFSET_STEP_MS - START_TOLERANCE_MS - 1;
    } else {
      // Between two windows: go on from the start of the next one.
      const next = Math.ceil((occurrence - at) / OFFSET_STEP_MS) * OFFSET_STEP_MS;
      cursor = Math.max(occurrence, at + next - START_TOLERANCE_MS - 1);
    }
  }
}

const WHOLE_HOURS = (MAX_OFFSET_MS - MIN_OFFSET_MS) / HOUR + 1;

/** True when every whole-hour offset fits: an hourly start says nothing about the zone but its minutes. */
export function fitsEveryWholeHour(fits: readonly number[]): boolean {
  return fits.filter((offset) => offset % HOUR === 0).length === WHOLE_HOURS;
}
