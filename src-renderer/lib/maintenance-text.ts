import type { MaintenanceView } from '$contract/routing-view';

const days: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** When a maintenance window opens, in its own zone: "Sat, Sun 22:00–06:00 (Europe/Berlin)". */
export function maintenanceWhenText({ when, timeZone }: MaintenanceView): string {
  const span =
    when.kind === 'once'
      ? `${when.start.replace('T', ' ')} – ${when.end.replace('T', ' ')}`
      : when.kind === 'weekly'
        ? `${when.days.map((day) => days[day]).join(', ')} ${when.start}–${when.end}`
        : `cron ${when.cron}, for ${when.durationMinutes} min`;
  return `${span} (${timeZone})`;
}
