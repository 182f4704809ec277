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

/** The expression's occurrences in UTC: an instant plus an offset is the wall time in that offset. */
const utcSchedules = new Map<string, TaskSchedule | null>();
const answers = new Map<string, readonly number[] | null>();
const CACHE_SIZE = 20_000;

function utcScheduleOf(cron: string): TaskSchedule | null {
  let schedule = utcSchedules.get(cron);
  if (schedule === undefined) {
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
    const computed = scheduleOf(fields, 'UTC');
    schedule = computed.kind === 'cron' ? computed : null;
    if (utcSchedules.size >= CACHE_SIZE) utcSchedules.clear();
    utcSchedules.set(cron, schedule);
  }
  return schedule;
}

/**
 * The offsets (ms, multiples of 15 minutes from -12:00 to +14:00) in which `at` is, within
 * START_TOLERANCE_MS, an occurrence of the Quartz expression `cron`; null when the expression cannot be
 * computed. Wall times are matched as the pattern reads them: a start in a repeated hour counts (the
 * portal did start the task then), a time skipped by daylight saving never shows on a clock anyway.
 */
export function fittingOffsets(cron: string, at: number): readonly number[] | null {
  const key = `${cron}|${at}`;
  const known = answers.get(key);
  if (known !== undefined) return known;
  const schedule = utcScheduleOf(cron);
  const found = schedule ? scan(schedule, at) : null;
  if (answers.size >= CACHE_SIZE) answers.clear();
  answers.set(key, found);
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
