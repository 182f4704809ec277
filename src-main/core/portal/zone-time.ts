/**
 * Wall-clock time in an IANA zone <-> instants, with Intl only: the portal writes dates without a
 * zone, in its own local time, so the zone's offset rules (DST included) decide what instant it meant.
 */

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of `instant` in `timeZone`. Throws RangeError for an unknown zone. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** The zone's offset from UTC at `instant`, in ms (positive east of Greenwich). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallTimeAt(whole, timeZone)) - whole;
}

// No zone is more than 14 hours from UTC, so every instant that can read as a given wall time lies
// within this distance of that wall time read as UTC.
const MAX_OFFSET_MS = 15 * 3_600_000;

/**
 * The instant at which `timeZone`'s clocks read `wall`. A time that occurs twice (fall back) gives the
 * earlier instant; a time skipped by spring forward is moved forward by the gap, as clocks would.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const local = wallAsUtc(wall);
  const offsetBefore = offsetAt(local - MAX_OFFSET_MS, timeZone);
  const offsetAfter = offsetAt(local + MAX_OFFSET_MS, timeZone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter(
    (instant) => local - offsetAt(instant, timeZone) === instant,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // In a spring-forward gap: the pre-transition offset lands the same distance past the gap.
  return local - offsetBefore;
}
