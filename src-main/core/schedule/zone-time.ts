/**
 * Wall-clock facts about an IANA zone, from the runtime's own time-zone data (Intl): the offset at an
 * instant, whether a wall-clock time repeats when clocks go back, and a plain text form for messages.
 */

const HOUR = 3_600_000;
/** Far enough to reach across any daylight-saving jump (at most 2 h anywhere), short of the next one. */
const LOOK_ACROSS = 6 * HOUR;

const partFormatters = new Map<string, Intl.DateTimeFormat>();
const textFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, make: () => Intl.DateTimeFormat) {
  let formatter = map.get(zone);
  if (!formatter) {
    formatter = make();
    map.set(zone, formatter);
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

/** UTC never changes its offset: callers skip the daylight-saving checks for it. */
export function isUtc(zone: string): boolean {
  return zone === 'UTC';
}

function fieldsAt(t: number, zone: string): Record<string, number> {
  const formatter = cached(partFormatters, zone, () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
  );
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(t)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields;
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
    const f = fieldsAt(whole, zone);
    offset = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) - whole;
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * When clocks go back, the wall-clock times of the last hour before the change come round again.
 * For an instant `t` in that first pass, returns how much later the same wall-clock time shows again
 * (usually one hour); otherwise 0.
 */
export function repeatsLaterByMs(t: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const here = offsetMs(t, zone);
  const later = offsetMs(t + LOOK_ACROSS, zone);
  if (later >= here) return 0;
  const shift = here - later;
  return offsetMs(t + shift, zone) === later ? shift : 0;
}

/** True when `t` shows a wall-clock time the zone already showed earlier (the second pass). */
export function repeatsEarlierWallTime(t: number, zone: string): boolean {
  if (isUtc(zone)) return false;
  const here = offsetMs(t, zone);
  const earlier = offsetMs(t - LOOK_ACROSS, zone);
  if (earlier <= here) return false;
  return offsetMs(t - (earlier - here), zone) === earlier;
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
