/**
 * What a portal task tells about the portal's zone: its Quartz expression and the start times the portal
 * sent as absolute instants (epoch numbers). A zone-less date string was read in an assumed zone, so it
 * is left out rather than turned into evidence for the assumption.
 */
import { parseArcgisDate } from '../portal/dates';
import type { PortalTask } from '../portal/types';
import { scheduleOf } from '../schedule';
import type { ZoneEvidence } from './zone-inference';

/** The instant a raw date field names whatever the zone (epoch ms, or text with its own offset); else null. */
function absoluteInstant(value: unknown): number | null {
  // Zone-less text reads differently in zones 14 hours apart; an absolute value reads the same.
  const instant = parseArcgisDate(value, 'UTC');
  return instant !== null && instant === parseArcgisDate(value, 'Pacific/Kiritimati') ? instant : null;
}

/** The expression the task's schedule uses (cronExpression, else cronSchedule) and its absolute lastStart and startDate. */
export function zoneEvidenceOf(task: PortalTask): ZoneEvidence {
  // The zone does not change which expression a task has: UTC is as good as any.
  const schedule = scheduleOf(task, 'UTC');
  const starts = [absoluteInstant(task.raw.lastStart), absoluteInstant(task.raw.startDate)].filter((at): at is number => at !== null);
  return { cron: schedule.kind === 'cron' ? schedule.cron : null, starts };
}
