import type { Settings } from '../../contract/models';

const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
};

/** True while OS notifications are held back: snoozed from the tray, or inside quiet hours (local time). */
export function notificationsHeld(settings: Settings, now: number): boolean {
  if (settings.notificationsPausedUntil !== null && now < settings.notificationsPausedUntil) return true;
  const { enabled, start, end } = settings.quietHours;
  if (!enabled || start === end) return false;
  const local = new Date(now);
  const current = local.getHours() * 60 + local.getMinutes();
  const [from, to] = [minutesOf(start), minutesOf(end)];
  // A window like 22:00-07:00 wraps past midnight.
  return from < to ? current >= from && current < to : current >= from || current < to;
}
