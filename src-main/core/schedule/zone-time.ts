/**
 * Zone arithmetic a Quartz schedule needs (fast offsets, and wall-clock time to instant the way Quartz's
 * java.util.Calendar resolves it) and a plain text form for messages, on top of the shared zone
 * arithmetic in core/time/zone.ts.
 */
import { isUtc, offsetMs } from '../time/zone';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** No zone is more than 14 hours from UTC: offsets this far either side of a wall time bracket it. */
const BEYOND_ANY_OFFSET = 15 * HOUR;

const textFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, make: () => Intl.DateTimeFormat) {
  let formatter = map.get(zone);
  if (!formatter) {
    formatter = make();
    map.set(zone, formatter);
  }
  return formatter;
}

/** A zone's offset through one UTC day: `before` until `changesAt`, then `after` (equal when it does not change). */
interface DayOffsets {
  before: number;
  after: number;
  changesAt: number;
}
const DAYS_KEPT = 20_000;

/**
 * One zone's offsets, fast: a fire-time search asks for them dozens of times per answer, so each UTC
 * day's offsets are looked up once (zones change offset at most once a day, on a whole minute), by day
 * number (building and hashing a `${zone} ${day}` key per call was most of a search's time).
 */
export interface ZoneOffsets {
  /** offsetMs at `t`. */
  at(t: number): number;
  /**
   * The instant a Quartz trigger means by a wall-clock time (given as that time read as UTC), as
   * java.util.GregorianCalendar resolves it: a time skipped when clocks go forward moves forward by the
   * gap (02:30 -> 03:30), and a time that occurs twice is the second, standard-time one.
   */
  instantOfWall(local: number): number;
  /** True when the offset is the same all through [from, to] (a span of a day or so). */
  steady(from: number, to: number): boolean;
}

const UTC_OFFSETS: ZoneOffsets = { at: () => 0, instantOfWall: (local) => local, steady: () => true };

class DayByDayOffsets implements ZoneOffsets {
  readonly #days = new Map<number, DayOffsets>();

  constructor(private readonly zone: string) {}

  at(t: number): number {
    const day = this.#day(Math.floor(t / DAY));
    return t < day.changesAt ? day.before : day.after;
  }

  steady(from: number, to: number): boolean {
    for (let dayNumber = Math.floor(from / DAY); dayNumber * DAY <= to; dayNumber++) {
      const day = this.#day(dayNumber);
      if (day.before !== day.after && day.changesAt > from && day.changesAt <= to) return false;
    }
    return true;
  }

  #day(dayNumber: number): DayOffsets {
    let day = this.#days.get(dayNumber);
    if (!day) {
      day = offsetsOfDay(dayNumber * DAY, this.zone);
      if (this.#days.size >= DAYS_KEPT) this.#days.clear();
      this.#days.set(dayNumber, day);
    }
    return day;
  }

  instantOfWall(local: number): number {
    const earlier = this.at(local - BEYOND_ANY_OFFSET);
    const later = this.at(local + BEYOND_ANY_OFFSET);
    // No change within a day either side (most days): the one reading (what the checks below give then too).
    if (earlier === later) return local - earlier;
    const first = local - earlier;
    const second = local - later;
    const firstFits = this.at(first) === earlier;
    const secondFits = this.at(second) === later;
    if (firstFits && secondFits) return Math.max(first, second);
    if (secondFits) return second;
    // Either the only reading, or in the gap: the offset before the change lands past it.
    return first;
  }
}

const zones = new Map<string, ZoneOffsets>();

export function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = zones.get(zone);
  if (!offsets) {
    offsets = isUtc(zone) ? UTC_OFFSETS : new DayByDayOffsets(zone);
    zones.set(zone, offsets);
  }
  return offsets;
}

export const offsetAt = (t: number, zone: string): number => zoneOffsets(zone).at(t);

/** See ZoneOffsets.instantOfWall. */
export const quartzInstantOfWall = (local: number, zone: string): number => zoneOffsets(zone).instantOfWall(local);

function offsetsOfDay(start: number, zone: string): DayOffsets {
  const before = offsetMs(start, zone);
  const after = offsetMs(start + DAY, zone);
  let low = start;
  let high = start + DAY;
  // Binary search for the first minute on the new offset.
  while (before !== after && high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetMs(middle, zone) === before) low = middle;
    else high = middle;
  }
  return { before, after, changesAt: high };
}

/** `Sat 2021-10-23 04:00` in the zone: plain and unambiguous for messages and logs. */
export function formatWallTime(t: number, zone: string): string {
  const formatter = cached(textFormatters, zone, () =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }),
  );
  const p: Record<string, string> = {};
  for (const part of formatter.formatToParts(t)) p[part.type] = part.value;
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
