/**
 * What a portal task tells about the portal's zone: its Quartz expression and the start times the portal
 * sent as epoch numbers. A date string carries no zone (Taskwatch read it in an assumed one), so it is
 * left out rather than turned into evidence for the assumption.
 */
import type { PortalTask } from '../portal';
import { scheduleOf } from '../schedule';
import type { ZoneEvidence } from './zone-inference';

const NUMERIC = /^\s*-?\d+\s*$/;

/** The epoch value of a raw date field, or null for a string date, a missing or an odd value. */
function epochOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return null;
}

/** The task's evidence: the expression its schedule uses (cronExpression, else cronSchedule) and its epoch lastStart and startDate. */
export function zoneEvidenceOf(task: PortalTask): ZoneEvidence {
  // The zone does not change which expression a task has: UTC is as good as any.
  const schedule = scheduleOf(task, 'UTC');
  const starts = [epochOf(task.raw.lastStart), epochOf(task.raw.startDate)].filter((at): at is number => at !== null);
  return { cron: schedule.kind === 'cron' ? schedule.cron : null, starts };
}
