/**
 * Times and durations the way an admin reads them: the admin's local clock, plus the portal's zone when
 * it differs (schedules run in the portal's zone, so "02:00 Europe/Berlin" is what the portal means).
 */

export const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
const YEAR = 300 * 86_400_000;
const yearDateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const zoneDays = new Map<string, Intl.DateTimeFormat>();
const zoneDateFormats = new Map<string, Intl.DateTimeFormat>();
const localDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'short' });

function cached(cache: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { timeZone: zone, ...options });
    cache.set(zone, format);
  }
  return format;
}

/** "Monday, 23 November 2026 at 14:05:07 UTC": for tooltips, where there is room to be exact. */
export function exactTime(ms: number): string {
  return exactFormat.format(ms);
}

const dayKey = (ms: number) => new Date(ms).toDateString();
/** The day of the last `now` asked about: a long list's times are all read against the same one. */
let today = { now: NaN, key: '' };
function todayKey(now: number): string {
  if (today.now !== now) today = { now, key: dayKey(now) };
  return today.key;
}

const zoneNameFormat = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' });
/** By offset from UTC, which decides the name (standard or summer time): a run-history picture names the zone in each of its ~200 column tooltips. */
const zoneNames = new Map<number, string>();

/** The admin's zone's short name at that instant: "UTC", "CET", "GMT+5:30". */
export function zoneName(ms: number): string {
  const offset = new Date(ms).getTimezoneOffset();
  let name = zoneNames.get(offset);
  if (name === undefined) {
    name = zoneNameFormat.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? localZone;
    zoneNames.set(offset, name);
  }
  return name;
}

/**
 * As short as still unambiguous, on the admin's clock: "14:05" today, "24 Nov, 14:05" on any other day
 * (the date, never a bare weekday that could be this week's or last week's), the year when far off.
 * The weekday is in `exactTime`, on hover.
 */
export function shortTime(ms: number, now: number): string {
  if (dayKey(ms) === todayKey(now)) return timeFormat.format(ms);
  return (Math.abs(ms - now) < YEAR ? dateTimeFormat : yearDateTimeFormat).format(ms);
}

/** `shortTime` with the admin's zone named: "24 Nov, 14:05 UTC". */
export function localTime(ms: number, now: number): string {
  return `${shortTime(ms, now)} ${zoneName(ms)}`;
}

/**
 * The same instant on the portal's clock ("15:05 CET", or "25 Nov, 01:05 JST" when the portal's calendar
 * is already on another day), or null when the portal shares the admin's zone.
 */
export function portalClock(ms: number, portalZone: string): string | null {
  if (!portalZone || sameZone(portalZone, localZone)) return null;
  try {
    const otherDay = cached(zoneDays, portalZone, { dateStyle: 'short' }).format(ms) !== localDay.format(ms);
    const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
    return otherDay
      ? cached(zoneDateFormats, portalZone, { day: 'numeric', month: 'short', ...options }).format(ms)
      : cached(zoneFormats, portalZone, options).format(ms);
  } catch {
    return null;
  }
}

export function sameZone(a: string, b: string): boolean {
  const canonical = (zone: string) => (zone === 'Etc/UTC' || zone === 'UTC' || zone === 'Etc/GMT' ? 'UTC' : zone);
  return canonical(a) === canonical(b);
}

const units: [limit: number, size: number, name: string][] = [
  [60_000, 1_000, 's'],
  [3_600_000, 60_000, 'min'],
  [86_400_000, 3_600_000, 'h'],
  [Infinity, 86_400_000, 'd'],
];

/** "2 h ago", "in 5 min", "just now". */
export function relativeTime(ms: number, now: number): string {
  const delta = ms - now;
  const distance = Math.abs(delta);
  if (distance < 10_000) return 'just now';
  const [, size, name] = units.find(([limit]) => distance < limit)!;
  const amount = Math.floor(distance / size);
  return delta < 0 ? `${amount} ${name} ago` : `in ${amount} ${name}`;
}

/** "850 ms", "45 s", "3 min 20 s", "1 h 5 min". */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A portal's short name for sentences: its label, else host and path. */
export function portalName(portal: { label: string; url: string } | undefined, fallback = 'unknown portal'): string {
  if (!portal) return fallback;
  if (portal.label.trim()) return portal.label.trim();
  try {
    const url = new URL(portal.url);
    return `${url.host}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return portal.url;
  }
}
