import type { MaintenanceWindow, Weekday } from '../../contract/routing';
import { parseQuartz } from '../schedule';
import { fireTimeAfter } from '../schedule/fire-times';
import { quartzInstantOfWall } from '../schedule/zone-time';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Until when the window is open at `now` (epoch ms), or null when it is closed. Times are read in its own zone. */
export function maintenanceOpenUntil({ when, timeZone }: MaintenanceWindow, now: number): number | null {
  const instant = (wall: number) => quartzInstantOfWall(wall, timeZone);
  const openUntil = (start: number, end: number) => (start <= now && now < end ? end : null);
  switch (when.kind) {
    case 'once':
      return openUntil(instant(wallOf(when.start)), instant(wallOf(when.end)));
    case 'weekly': {
      // Today's span, or yesterday's when it runs past midnight into today.
      const today = wallDayOf(now, timeZone);
      for (const day of [today, today - DAY]) {
        if (!when.days.includes(WEEKDAYS[new Date(day).getUTCDay()]!)) continue;
        const start = day + clockOf(when.start);
        const end = day + clockOf(when.end) + (when.end <= when.start ? DAY : 0);
        const until = openUntil(instant(start), instant(end));
        if (until !== null) return until;
      }
      return null;
    }
    case 'cron': {
      const parsed = parseQuartz(when.cron);
      if (!parsed.ok) return null;
      const duration = when.durationMinutes * MINUTE;
      const opened = fireTimeAfter(parsed.fields, timeZone, now - duration);
      return opened === null ? null : openUntil(opened, opened + duration);
    }
  }
}

/** `2026-11-28T22:00` as that wall time read as UTC (what quartzInstantOfWall takes). */
const wallOf = (local: string) => Date.parse(`${local}:00Z`);
const clockOf = (time: string) => (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * MINUTE;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Midnight of the zone's calendar day at `now`, as a wall time read as UTC. */
function wallDayOf(now: number, zone: string): number {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, format);
  }
  return Date.parse(`${format.format(now)}T00:00:00Z`);
}
