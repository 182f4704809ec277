/**
 * What a portal task tells about the portal's zone: its Quartz expression and the start times the portal
 * sent as absolute instants (epoch numbers). A zone-less date string was read in an assumed zone, so it
 * is left out rather than turned into evidence for the assumption.
 */
import { startsSentAsInstants, type PortalTask } from '../portal';
import { scheduleOf } from '../schedule';
import type { ZoneEvidence } from './zone-inference';

/** The expression the task's schedule uses (cronExpression, else cronSchedule) and its absolute lastStart and startDate. */
export function zoneEvidenceOf(task: PortalTask): ZoneEvidence {
  // The zone does not change which expression a task has: UTC is as good as any.
  const schedule = scheduleOf(task, 'UTC');
  return { cron: schedule.kind === 'cron' ? schedule.cron : null, starts: startsSentAsInstants(task) };
}
