/**
 * Wall-clock time in an IANA zone <-> instants, from the runtime's own time-zone data (Intl). The portal
 * writes dates without a zone and runs its schedules in its own local time, so the zone's offset rules
 * (daylight saving included) decide which instant is meant. Shared by the date parser and the schedules.
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

const fieldFormatters = new Map<string, Intl.DateTimeFormat>();

function fieldFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = fieldFormatters.get(timeZone);
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
    });
    fieldFormatters.set(timeZone, formatter);
  }
  return formatter;
}

const canonicalNames = new Map<string, string | null>();

/** The zone's canonical name (`utc` -> `UTC`), or null when the runtime does not know it. */
export function canonicalZone(zone: string): string | null {
  let name = canonicalNames.get(zone);
  if (name === undefined) {
    try {
      name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      name = null;
    }
    // Portals name a handful of zones: the map stays small, unlike a formatter per call.
    canonicalNames.set(zone, name);
  }
  return name;
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalZone(timeZone) !== null;
}

/** UTC never changes its offset: callers skip the daylight-saving work for it. */
export function isUtc(zone: string): boolean {
  return zone === 'UTC';
}

/** The wall-clock reading of `instant` in `timeZone`. Throws RangeError for an unknown zone. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of fieldFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! };
}

function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** Offsets already looked up: a poll asks about the same few instants for thousands of tasks. */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 4_096;

/** Wall-clock time minus UTC at instant `t`, in ms (e.g. +3 600 000 for Berlin in winter). */
export function offsetMs(t: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const whole = Math.floor(t / 1000) * 1000;
  const key = `${zone} ${whole}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = uncachedOffsetMs(whole, zone);
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** offsetMs without the shared cache: for callers that keep their own tables of many zones and instants. */
export function uncachedOffsetMs(t: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const whole = Math.floor(t / 1000) * 1000;
  return wallAsUtc(wallTimeAt(whole, zone)) - whole;
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
  const offsetBefore = offsetMs(local - MAX_OFFSET_MS, timeZone);
  const offsetAfter = offsetMs(local + MAX_OFFSET_MS, timeZone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter((instant) => local - offsetMs(instant, timeZone) === instant);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a spring-forward gap: the pre-transition offset lands the same distance past the gap.
  return local - offsetBefore;
}
