/**
 * Zone inference over a 5,000-task portal: the first call in a process (zone data loaded, offset tables
 * built) and the steady call a poll makes. Two portals: tasks sharing a few schedules, as admins set
 * them up, and the worst case of 5,000 different daily times.
 */
import { scheduleOf } from '../core/schedule';
import { inferScheduleZone, type ZoneEvidence } from '../core/time/zone-inference';

const DAY = 86_400_000;
const TASKS = 5_000;
const ZONE = 'Europe/Berlin';

function portal(schedules: number, now: number): ZoneEvidence[] {
  return Array.from({ length: TASKS }, (_, index) => {
    const slot = index % schedules;
    const cron = `0 ${slot % 60} ${Math.floor(slot / 60) % 24} * * ?`;
    const fields = { cronExpression: cron, cronSchedule: null, runIntervalSeconds: null, startDate: null, maxOccurrences: -1, state: 'active', active: true, created: null, lastStart: null };
    const schedule = scheduleOf(fields, ZONE);
    // lastStart within the last day, startDate a summer occurrence: the evidence spans a clock change.
    return { cron, starts: [schedule.previous(now)!, schedule.previous(now - (120 + (slot % 60)) * DAY)!] };
  });
}

function timed(evidence: ZoneEvidence[], now: number): { ms: number; answer: string } {
  const started = performance.now();
  const inference = inferScheduleZone(evidence, now);
  return { ms: performance.now() - started, answer: `${inference.confidence} ${inference.zone} (${inference.tasksFitting}/${inference.tasksConsidered})` };
}

export function benchZoneInference(): void {
  const now = Date.now();
  for (const [label, schedules] of [['12 shared schedules', 12], ['5,000 different daily times', TASKS]] as const) {
    const evidence = portal(schedules, now);
    const first = timed(evidence, now);
    const steady = Array.from({ length: 5 }, () => timed(evidence, now).ms).sort((a, b) => a - b)[2]!;
    console.log(`zone inference, ${TASKS} tasks, ${label}: first call ${first.ms.toFixed(0)} ms, steady ${steady.toFixed(1)} ms (median of 5): ${first.answer}`);
  }
}
