import { quartzOccurrences, type Occurrences } from './cron-occurrences';
import { describeCron, describeInterval, UNKNOWN_SCHEDULE } from './describe';
import { intervalOccurrences } from './interval';
import { parseQuartz } from './quartz';
import type { ScheduleFields, TaskSchedule } from './types';
import { windowed } from './window';
import { canonicalZone } from '../time/zone';

/**
 * The Quartz expression that `cronSchedule` stands for, or a reason why there is none. Seconds
 * default to 0 (ArcGIS often leaves them out); every other field must be there: nothing is guessed.
 */
export function cronFromSchedule(fields: Record<string, string>): { expression: string } | { reason: string } {
  const field = (name: string) => fields[name]?.trim() || null;
  const second = field('second') ?? field('seconds') ?? '0';
  const required = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'];
  const missing = required.filter((name) => !field(name));
  if (missing.length > 0) return { reason: `cronSchedule has no ${missing.join(', ')}` };
  const [minute, hour, dom, month, dow] = required.map((name) => field(name)!);
  // Quartz wants one `?` among the two day fields; `*` beside a specific day means "any". Two
  // specific days stay as they are, for parseQuartz to refuse.
  const specific = (v: string) => v !== '*' && v !== '?';
  const days = specific(dom!) ? [dom, specific(dow!) ? dow : '?'] : specific(dow!) ? ['?', dow] : ['*', '?'];
  const year = field('year');
  return { expression: [second, minute, hour, days[0], month, days[1], ...(year ? [year] : [])].join(' ') };
}

function rebuiltCron(task: ScheduleFields, notes: string[]): string | null {
  if (!task.cronSchedule) return null;
  const rebuilt = cronFromSchedule(task.cronSchedule);
  if ('expression' in rebuilt) return rebuilt.expression;
  notes.push(rebuilt.reason);
  return null;
}

function cronSchedule(task: ScheduleFields, expression: string, words: string, base: Occurrences, zone: string, note: string | null): TaskSchedule {
  const occurrences = windowed(base, `${zone} ${expression}`, task.startDate, task.maxOccurrences);
  return {
    kind: 'cron',
    cron: expression,
    description: words,
    timeZone: zone,
    note,
    next: (after) => occurrences.next(after),
    previous: (atOrBefore) => occurrences.previous(atOrBefore),
    intervalAround: (at) => usualGap(occurrences, at),
  };
}

function unknownSchedule(zone: string, note: string): TaskSchedule {
  return {
    kind: 'unknown',
    cron: null,
    description: UNKNOWN_SCHEDULE,
    timeZone: zone,
    note,
    next: () => null,
    previous: () => null,
    intervalAround: () => null,
  };
}

/** The smaller of the two gaps around `at`, so a weekend or a skipped DST hour does not widen it. */
function usualGap(occurrences: Occurrences, at: number): number | null {
  const before = occurrences.previous(at);
  const after = occurrences.next(at);
  const gaps: number[] = [];
  if (before !== null) {
    const earlier = occurrences.previous(before - 1);
    if (earlier !== null) gaps.push(before - earlier);
    if (after !== null) gaps.push(after - before);
  } else if (after !== null) {
    const later = occurrences.next(after);
    if (later !== null) gaps.push(later - after);
  }
  return gaps.length > 0 ? Math.min(...gaps) : null;
}

function intervalSchedule(task: ScheduleFields, seconds: number, anchor: number, zone: string, note: string): TaskSchedule {
  const periodMs = seconds * 1000;
  const base = intervalOccurrences(anchor, periodMs);
  const occurrences = windowed(base, `every ${periodMs} from ${anchor}`, task.startDate, task.maxOccurrences);
  return {
    kind: 'interval',
    cron: null,
    description: describeInterval(seconds),
    timeZone: zone,
    note,
    next: (after) => occurrences.next(after),
    previous: (atOrBefore) => occurrences.previous(atOrBefore),
    intervalAround: () => periodMs,
  };
}

/**
 * How the task is scheduled, in the portal's zone. The task's cronExpression is what Quartz runs, so
 * when there is one it decides alone: an expression Quartz rejects gives an unknown schedule whose
 * note says why, never a guess from another field. Without one: the expression rebuilt from
 * cronSchedule; else runIntervalSeconds from startDate, else created, else lastStart; otherwise an
 * unknown schedule with no occurrences.
 */
export function scheduleOf(task: ScheduleFields, timeZone: string): TaskSchedule {
  // Tasks with the same schedule fields share one schedule: a fleet's thousands of hourly tasks keep one, not one each.
  const key = scheduleKey(task, timeZone);
  let schedule = shared.get(key);
  if (!schedule) {
    if (shared.size >= SHARED_SCHEDULES) shared.clear();
    schedule = newSchedule(task, timeZone);
    shared.set(key, schedule);
  }
  return schedule;
}

const SHARED_SCHEDULES = 5_000;
const shared = new Map<string, TaskSchedule>();

/** The fields newSchedule reads, as one string; the interval's anchor only where an interval is read. */
function scheduleKey(task: ScheduleFields, timeZone: string): string {
  const anchor = task.runIntervalSeconds === null ? null : (task.startDate ?? task.created ?? task.lastStart);
  const cronSchedule = task.cronSchedule === null ? '' : JSON.stringify(task.cronSchedule);
  return `${timeZone}|${task.cronExpression}|${cronSchedule}|${task.runIntervalSeconds}|${task.startDate}|${task.maxOccurrences}|${anchor}`;
}

function newSchedule(task: ScheduleFields, timeZone: string): TaskSchedule {
  const zone = canonicalZone(timeZone || 'UTC');
  if (!zone) return unknownSchedule(timeZone, `time zone "${timeZone}" is not known`);
  const notes: string[] = [];
  const expression = task.cronExpression?.trim() || null;
  const source = expression ?? rebuiltCron(task, notes);
  if (source) {
    const parsed = parseQuartz(source);
    if (parsed.ok) {
      const base = quartzOccurrences(parsed.expression, parsed.fields, zone);
      const note = expression ? null : 'no cronExpression; using cronSchedule';
      return cronSchedule(task, parsed.expression, describeCron(parsed.expression, parsed.fields), base, zone, note);
    }
    const rejection = `${parsed.quartzRejects ? 'Quartz rejects' : 'Taskwatch cannot read'} "${parsed.expression}": ${parsed.reason}`;
    if (expression) return unknownSchedule(zone, rejection);
    notes.push(`cronSchedule: ${rejection}`);
  }
  if (!expression) notes.unshift('no cronExpression');

  const seconds = task.runIntervalSeconds;
  const anchor = task.startDate ?? task.created ?? task.lastStart;
  if (seconds !== null && Number.isFinite(seconds) && seconds > 0 && anchor !== null) {
    return intervalSchedule(task, seconds, anchor, zone, [...notes, 'using runIntervalSeconds'].join('; '));
  }
  if (seconds !== null && seconds > 0) notes.push('runIntervalSeconds has no start date to count from');
  return unknownSchedule(zone, notes.join('; ') || 'no schedule fields');
}
