/**
 * The portal's dates: epoch ms in some places, zone-less strings like "Apr 21, 2021, 10:42:17 PM" (read
 * in the portal's zone) in others, sometimes in one answer. Anything unreadable becomes null, so one odd
 * field never costs the admin a whole task.
 */
import { instantOfWallTime, type WallTime } from '../time/zone';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// "Apr 21, 2021, 10:42:17 PM"; \s also matches the NBSP / U+202F that newer Java puts before PM.
const ARCGIS_DATE =
  /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?$/i;

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const NUMERIC = /^-?\d+(?:\.\d+)?$/;

function isRealWallTime(wall: WallTime): boolean {
  // Day 0 of the next month is the last day of this one (leap years included).
  const daysInMonth = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
  return (
    wall.month >= 1 &&
    wall.month <= 12 &&
    wall.day >= 1 &&
    wall.day <= daysInMonth &&
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59
  );
}

function fromArcgisText(match: RegExpMatchArray): WallTime | null {
  const [, monthName, day, year, hour, minute, second, meridiem] = match;
  const month = MONTHS.indexOf(monthName!.toLowerCase()) + 1;
  let hours = Number(hour);
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const wall = { year: Number(year), month, day: Number(day), hour: hours, minute: Number(minute), second: Number(second ?? 0) };
  return month > 0 && isRealWallTime(wall) ? wall : null;
}

function fromIsoText(match: RegExpMatchArray, text: string, timeZone: string): number | null {
  const [, year, month, day, hour, minute, second, zone] = match;
  const wall = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  if (!isRealWallTime(wall)) return null;
  if (zone) {
    const instant = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(instant) ? instant : null;
  }
  return instantOfWallTime(wall, timeZone);
}

// A runs page repeats the same few date strings many times (each run embeds its task): remember them.
const cache = new Map<string, number | null>();
const CACHE_LIMIT = 5_000;

function parseText(text: string, timeZone: string): number | null {
  const key = `${timeZone}|${text}`;
  if (cache.has(key)) return cache.get(key)!;
  const instant = parseUncached(text, timeZone);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, instant);
  return instant;
}

function parseUncached(text: string, timeZone: string): number | null {
  try {
    const arcgis = text.match(ARCGIS_DATE);
    if (arcgis) {
      const wall = fromArcgisText(arcgis);
      return wall ? instantOfWallTime(wall, timeZone) : null;
    }
    const iso = text.match(ISO_DATE);
    if (iso) return fromIsoText(iso, text, timeZone);
  } catch {
    // An unknown time zone: Intl throws RangeError.
  }
  return null;
}

/**
 * Reads one of the portal's date values as epoch ms. Zone-less text is read in `timeZone` (an IANA
 * name); a time that occurs twice gives the earlier instant, one skipped by DST is moved forward.
 * Never throws and never returns NaN: unreadable input, or an unknown zone for zone-less text, gives null.
 */
export function parseArcgisDate(value: unknown, timeZone = 'UTC'): number | null {
  if (typeof value === 'string' && NUMERIC.test(value.trim())) value = Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value) : null;
  return typeof value === 'string' ? parseText(value.trim(), timeZone) : null;
}
