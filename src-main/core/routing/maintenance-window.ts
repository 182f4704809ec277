import type { MaintenanceWindow, MaintenanceWhen, Weekday } from '../../contract/routing';
import { parseQuartz } from '../schedule';
import { quartzOccurrences } from '../schedule/cron-occurrences';
import { offsetAt, quartzInstantOfWall } from '../schedule/zone-time';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Weekday names in the order of Date#getUTCDay. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** `HH:MM` as milliseconds after midnight. */
const clockMs = (clock: string) => (Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))) * MINUTE;
/** `YYYY-MM-DDTHH:MM` as that wall time read as UTC. */
const wallMs = (local: string) => Date.parse(`${local}:00Z`);
/** A wall time (read as UTC) in the zone, as the instant a clock there shows it (skipped times move forward, as in Quartz). */
const instant = (wall: number, zone: string) => quartzInstantOfWall(wall, zone);

/** Why a window's times cannot be used, in one sentence; null when they can. */
export function windowProblem(when: MaintenanceWhen, zone: string): string | null {
  if (when.kind === 'once' && instant(wallMs(when.end), zone) <= instant(wallMs(when.start), zone)) return 'The window must end after it starts.';
  if (when.kind === 'weekly' && when.start === when.end) return 'The window must end at another time than it starts.';
  if (when.kind === 'cron') {
    const parsed = parseQuartz(when.cron);
    if (!parsed.ok) return `The cron expression ${parsed.expression} ${parsed.reason}.`;
  }
  return null;
}

/** Until when the window is open at `now` (epoch ms), or null when it is closed; read in its own zone, so DST moves nothing. */
export function windowOpenUntil(window: MaintenanceWindow, now: number): number | null {
  const { when, timeZone: zone } = window;
  const openUntil = (start: number, end: number) => (start <= now && now < end ? end : null);
  if (when.kind === 'once') return openUntil(instant(wallMs(when.start), zone), instant(wallMs(when.end), zone));
  if (when.kind === 'cron') {
    const parsed = parseQuartz(when.cron);
    if (!parsed.ok) return null;
    // The latest opening is the only one that can still be open: an earlier one closed before it.
    const opened = quartzOccurrences(parsed.expression, parsed.fields, zone).previous(now);
    return opened === null ? null : openUntil(opened, opened + when.durationMinutes * MINUTE);
  }
  // Weekly: opened today or, running past midnight, yesterday (local days).
  const today = Math.floor((now + offsetAt(now, zone)) / DAY) * DAY;
  const [start, end] = [clockMs(when.start), clockMs(when.end)];
  for (const day of [today, today - DAY]) {
    if (!when.days.includes(WEEKDAYS[new Date(day).getUTCDay()]!)) continue;
    const endDay = end > start ? day : day + DAY;
    const until = openUntil(instant(day + start, zone), instant(endDay + end, zone));
    if (until !== null) return until;
  }
  return null;
}

export const isWindowOpen = (window: MaintenanceWindow, now: number): boolean => windowOpenUntil(window, now) !== null;
