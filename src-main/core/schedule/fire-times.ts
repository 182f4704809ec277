import { LAST_DAY, MAX_YEAR, type QuartzFields } from './quartz';
import { civilDate, clockTime, DAY_MS, wallTime } from './civil-time';
import { zoneOffsets, type ZoneOffsets } from './zone-time';

/*
 * When a Quartz cron trigger fires. Quartz searches field by field (second, minute, hour, day,
 * month, year) on a lenient java.util.Calendar in the trigger's zone: a field set out of range rolls
 * over into the next, and every read resolves the wall-clock fields to an instant first. That
 * resolution is where daylight saving comes in (see ZoneOffsets.instantOfWall): a time in a skipped hour
 * becomes a later time that no longer matches, so it never fires; a repeated hour is read as its
 * second (standard-time) pass, so each wall-clock time fires once, then. The search below walks the
 * same steps on a small calendar of our own, so that it finds the same times, quirks included: the
 * nearest-weekday (`W`) day is only looked for from the day the search is on, and `n#k` / `nL` use
 * the smallest weekday listed.
 */

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const SUNDAY = 1;
const SATURDAY = 7;
/** Quartz stops looking past this year. */
const LAST_SEARCHED_YEAR = 2999;
/** A safety net only: real searches take a few dozen steps, impossible ones stop at MAX_YEAR. */
const MAX_STEPS = 100_000;

/** Wall-clock fields in a zone that may be set out of range; reading them resolves them first. */
class LenientCalendar {
  private readonly fields: Record<Field, number> = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  private weekday = 0;
  private instant = 0;
  private unresolved = false;

  constructor(
    private readonly zone: ZoneOffsets,
    instant: number,
  ) {
    this.setInstant(instant);
    // Quartz sets the milliseconds before reading: a time in a repeated hour is read again, as its second pass.
    this.unresolved = true;
  }

  get(field: Field): number {
    if (this.unresolved) this.resolve();
    return this.fields[field];
  }

  /** 1 = Sunday ... 7 = Saturday. */
  dayOfWeek(): number {
    if (this.unresolved) this.resolve();
    return this.weekday;
  }

  set(field: Field, value: number): void {
    this.fields[field] = value;
    this.unresolved = true;
  }

  /** Zeroes the time of day, as each search step that moves to another day does. */
  startOfDay(day: number, month: number, year?: number): void {
    this.set('second', 0);
    this.set('minute', 0);
    this.set('hour', 0);
    this.set('day', day);
    this.set('month', month);
    if (year !== undefined) this.set('year', year);
  }

  time(): number {
    if (this.unresolved) this.resolve();
    return this.instant;
  }

  private resolve(): void {
    const { year, month, day, hour, minute, second } = this.fields;
    this.setInstant(this.zone.instantOfWall(wallTime(year, month, day, hour, minute, second)));
  }

  private setInstant(instant: number): void {
    this.instant = instant;
    this.unresolved = false;
    const wall = instant + this.zone.at(instant);
    const days = Math.floor(wall / DAY_MS);
    const inDay = wall - days * DAY_MS;
    civilDate(days, this.fields);
    clockTime(inDay, this.fields);
    this.weekday = ((((days + 4) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (5)
  }
}

/** Smallest value >= `from` in an ascending list, or undefined. */
function ceiling(values: readonly number[], from: number): number | undefined {
  for (const value of values) if (value >= from) return value;
  return undefined;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** As Date.UTC(year, month, 0) reads it: a month past December is one of the next year. */
function lastDayOfMonth(month: number, year: number): number {
  const index = (((month - 1) % 12) + 12) % 12;
  const inYear = year + Math.floor((month - 1) / 12);
  const leap = inYear % 4 === 0 && (inYear % 100 !== 0 || inYear % 400 === 0);
  return index === 1 && leap ? 29 : MONTH_DAYS[index]!;
}

/**
 * The first day >= `day` this month from a day-of-month list (plain days and `L-n`), or undefined.
 * Quartz weighs a plain day against an `L-n` day by the `L-n` day's place in a 31-day month, so in
 * shorter months a plain day just after the `L-n` day (up to 2 days, in a 28-day February) is taken
 * first; kept, since that is when Quartz fires.
 */
function smallestDay(day: number, month: number, year: number, days: readonly number[]): number | undefined {
  if (days.length === 0) return undefined;
  const last = lastDayOfMonth(month, year);
  const lastOffset = ceiling(days, LAST_DAY - (last - day));
  const rank = lastOffset === undefined ? Infinity : lastOffset - LAST_DAY + 31;
  const plain = ceiling(days, day);
  if (plain !== undefined && plain < LAST_DAY - 30 && plain < rank && plain <= last) return plain;
  return rank === Infinity ? undefined : rank + last - 31;
}

/** The nearest weekday to `day` within its month (a Saturday 1st moves on to Monday the 3rd). */
function nearestWeekday(day: number, month: number, year: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  if (weekday === SATURDAY) return day === 1 ? day + 2 : day - 1;
  if (weekday === SUNDAY) return day === lastDayOfMonth(month, year) ? day - 2 : day + 1;
  return day;
}

/** Sets the hour; an hour skipped by daylight saving becomes the next one. */
function setHour(calendar: LenientCalendar, hour: number): void {
  calendar.set('hour', hour);
  if (calendar.get('hour') !== hour && hour !== 24) calendar.set('hour', hour + 1);
}

/**
 * The day step: true when the calendar was moved on and the search must start again. A null
 * daysOfMonth means the day-of-week rule applies.
 */
function moveToDay(fields: QuartzFields, calendar: LenientCalendar, zone: ZoneOffsets, from: number): boolean {
  let day = calendar.get('day');
  let month = calendar.get('month');
  const year = calendar.get('year');
  const startDay = day;
  const startMonth = month;

  if (fields.daysOfMonth !== null) {
    const plain = smallestDay(day, month, year, fields.daysOfMonth);
    const nearest = smallestDay(day, month, year, fields.nearestWeekdays);
    day = -1;
    if (nearest !== undefined) {
      day = nearestWeekday(nearest, month, year);
      const at = zone.instantOfWall(wallTime(year, month, day, calendar.get('hour'), calendar.get('minute'), calendar.get('second')));
      if (at < from) day = -1;
    }
    let advance = false;
    if (plain !== undefined) {
      if (day === -1 || plain < day) {
        day = plain;
        advance = true;
      }
    } else if (day === -1) {
      day = 1;
      month++;
      advance = true;
    }
    if (advance && (day !== startDay || month !== startMonth)) {
      calendar.startOfDay(day, month);
      return true;
    }
    calendar.set('day', day);
    return false;
  }

  const daysOfWeek = fields.daysOfWeek!;
  const current = calendar.dayOfWeek();
  const daysUntil = (wanted: number) => (wanted - current + 7) % 7;
  const last = lastDayOfMonth(month, year);
  if (fields.lastDayOfWeek) {
    let add = daysUntil(daysOfWeek[0]!);
    if (day + add > last) {
      calendar.startOfDay(1, month + 1);
      return true;
    }
    while (day + add + 7 <= last) add += 7;
    if (add > 0) {
      calendar.startOfDay(day + add, month);
      return true;
    }
  } else if (fields.nthDayOfWeek !== 0) {
    const shift = daysUntil(daysOfWeek[0]!);
    day += shift;
    const weekOfMonth = Math.ceil(day / 7);
    const add = (fields.nthDayOfWeek - weekOfMonth) * 7;
    day += add;
    if (add < 0 || day > last) {
      calendar.startOfDay(1, month + 1);
      return true;
    }
    if (add > 0 || shift > 0) {
      calendar.startOfDay(day, month);
      return true;
    }
  } else {
    const add = daysUntil(ceiling(daysOfWeek, current) ?? daysOfWeek[0]!);
    if (day + add > last) {
      calendar.startOfDay(1, month + 1);
      return true;
    }
    if (add > 0) {
      calendar.startOfDay(day + add, month);
      return true;
    }
  }
  calendar.set('day', day);
  return false;
}

/** The longest each month can be (February 29). */
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * False when no listed month can ever have a listed day (30 February, `0W`): Quartz's search then
 * walks month by month to its last year before answering null, which need not be repeated.
 */
export function canEverFire(fields: QuartzFields): boolean {
  if (fields.daysOfMonth === null) return true;
  const days = [...fields.daysOfMonth, ...fields.nearestWeekdays];
  return fields.months.some((month) => {
    const longest = LONGEST_MONTH[month - 1]!;
    // Plain days 1-31 (W's 0 never); `L-n` days are LAST_DAY - n and need n < the month's length.
    return days.some((day) => (day < LAST_DAY - 30 ? day >= 1 && day <= longest : LAST_DAY - day < longest));
  });
}

/**
 * The first fire time strictly after `after` (epoch ms, whole seconds), or null when there is none
 * (years run out, or the expression can never match, e.g. 30 February).
 */
export function fireTimeAfter(fields: QuartzFields, zone: string, after: number): number | null {
  const from = Math.floor(after / 1000) * 1000 + 1000;
  const offsets = zoneOffsets(zone);
  const calendar = new LenientCalendar(offsets, from);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (calendar.get('year') > LAST_SEARCHED_YEAR) return null;

    let second = calendar.get('second');
    let minute = calendar.get('minute');
    const nextSecond = ceiling(fields.seconds, second);
    if (nextSecond !== undefined) second = nextSecond;
    else {
      second = fields.seconds[0]!;
      calendar.set('minute', minute + 1);
    }
    calendar.set('second', second);

    minute = calendar.get('minute');
    let hour = calendar.get('hour');
    const nextMinute = ceiling(fields.minutes, minute);
    if (nextMinute !== minute) {
      calendar.set('second', 0);
      calendar.set('minute', nextMinute ?? fields.minutes[0]!);
      setHour(calendar, nextMinute === undefined ? hour + 1 : hour);
      continue;
    }
    calendar.set('minute', minute);

    hour = calendar.get('hour');
    const day = calendar.get('day');
    const nextHour = ceiling(fields.hours, hour);
    if (nextHour !== hour) {
      calendar.set('second', 0);
      calendar.set('minute', 0);
      calendar.set('day', nextHour === undefined ? day + 1 : day);
      setHour(calendar, nextHour ?? fields.hours[0]!);
      continue;
    }
    calendar.set('hour', hour);

    if (moveToDay(fields, calendar, offsets, from)) continue;

    const month = calendar.get('month');
    const year = calendar.get('year');
    if (year > MAX_YEAR) return null;
    const nextMonth = ceiling(fields.months, month);
    if (nextMonth !== month) {
      if (nextMonth === undefined) calendar.startOfDay(1, fields.months[0]!, year + 1);
      else calendar.startOfDay(1, nextMonth, year);
      continue;
    }
    calendar.set('month', month);

    const nextYear = ceiling(fields.years, calendar.get('year'));
    if (nextYear === undefined) return null;
    if (nextYear !== calendar.get('year')) {
      calendar.startOfDay(1, 1, nextYear);
      continue;
    }
    return calendar.time();
  }
  return null;
}

/**
 * The fire time after `fireTime` (itself one) when it is later the same day: the next time of day the
 * fields list, in arithmetic. The search above finds the same time then, provided the zone's offset holds
 * from one to the other, the clocks pass that time of day once (no resolution moves it), and whether the
 * day matches does not hang on the time of day (with `W` it does: see moveToDay). Undefined when that is
 * not so, or the day has no later time: the search decides. Walking a long history's occurrences, most
 * steps are such.
 */
export function laterFireTimeSameDay(fields: QuartzFields, zone: string, fireTime: number): number | undefined {
  if (fields.nearestWeekdays.length > 0) return undefined;
  const offsets = zoneOffsets(zone);
  const offset = offsets.at(fireTime);
  const wall = fireTime + offset;
  const inDay = wall - Math.floor(wall / DAY_MS) * DAY_MS;
  const clock = { hour: 0, minute: 0, second: 0 };
  clockTime(inDay, clock);
  const later = laterTimeOfDay(fields, clock);
  if (later === undefined) return undefined;
  const candidate = fireTime + (later - inDay);
  // Also not a time of day the clocks pass twice (the later pass would be the one): it reads as itself.
  return offsets.steady(fireTime, candidate) && offsets.instantOfWall(candidate + offset) === candidate ? candidate : undefined;
}

/** The next time of day (ms into the day) the fields list after `clock`, a time they list. */
function laterTimeOfDay(fields: QuartzFields, { hour, minute, second }: { hour: number; minute: number; second: number }): number | undefined {
  const nextSecond = ceiling(fields.seconds, second + 1);
  if (nextSecond !== undefined) return hour * 3_600_000 + minute * 60_000 + nextSecond * 1000;
  const nextMinute = ceiling(fields.minutes, minute + 1);
  if (nextMinute !== undefined) return hour * 3_600_000 + nextMinute * 60_000 + fields.seconds[0]! * 1000;
  const nextHour = ceiling(fields.hours, hour + 1);
  return nextHour === undefined ? undefined : nextHour * 3_600_000 + fields.minutes[0]! * 60_000 + fields.seconds[0]! * 1000;
}
