/**
 * Daylight-saving facts a schedule needs (whether a wall-clock time repeats when clocks go back) and a
 * plain text form for messages, on top of the shared zone arithmetic in core/time/zone.ts.
 */
import { isUtc, offsetMs } from '../time/zone';

const HOUR = 3_600_000;
/** Far enough to reach across any daylight-saving jump (at most 2 h anywhere), short of the next one. */
const LOOK_ACROSS = 6 * HOUR;

const textFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, make: () => Intl.DateTimeFormat) {
  let formatter = map.get(zone);
  if (!formatter) {
    formatter = make();
    map.set(zone, formatter);
  }
  return formatter;
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
