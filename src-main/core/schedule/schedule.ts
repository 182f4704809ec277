import { compileCron, type Occurrences } from './cron-occurrences';
import { describeCron, describeInterval, UNKNOWN_SCHEDULE } from './describe';
import { intervalOccurrences } from './interval';
import { parseQuartz } from './quartz';
import type { ScheduleFields, TaskSchedule } from './types';
import { windowed } from './window';
import { canonicalZone } from '../time/zone';

type CronAttempt =
  | { ok: true; expression: string; occurrences: Occurrences }
  | { ok: false; unsupported: boolean; reason: string; expression: string };

function tryCron(source: string, zone: string): CronAttempt {
  const parsed = parseQuartz(source);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, expression: parsed.expression, occurrences: compileCron(parsed.pattern, zone) };
  } catch (error) {
    return { ok: false, unsupported: false, reason: (error as Error).message, expression: parsed.expression };
  }
}

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

function cronSchedule(task: ScheduleFields, expression: string, base: Occurrences, zone: string, note: string | null): TaskSchedule {
  const occurrences = windowed(base, `${zone} ${expression}`, task.startDate, task.maxOccurrences);
  return {
    kind: 'cron',
    cron: expression,
    description: describeCron(expression) ?? `Quartz cron ${expression}`,
    timeZone: zone,
    note,
    next: (after) => occurrences.next(after),
    previous: (atOrBefore) => occurrences.previous(atOrBefore),
    intervalAround: (at) => usualGap(occurrences, at),
  };
}

function unknownSchedule(zone: string, note: string, cron: string | null = null): TaskSchedule {
  return {
    kind: 'unknown',
    cron,
    // A valid expression we cannot compute still reads well in words.
    description: (cron && describeCron(cron)) || UNKNOWN_SCHEDULE,
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
 * How the task is scheduled, in the portal's zone. Tries in turn: cronExpression; the expression
 * rebuilt from cronSchedule; runIntervalSeconds from startDate, else created, else lastStart;
 * otherwise an unknown schedule with no occurrences. A valid Quartz expression Taskwatch cannot
 * compute stops there (unknown), rather than trusting a cruder field.
 */
export function scheduleOf(task: ScheduleFields, timeZone: string): TaskSchedule {
  const zone = canonicalZone(timeZone || 'UTC');
  if (!zone) return unknownSchedule(timeZone, `time zone "${timeZone}" is not known`);
  const notes: string[] = [];
  for (const label of ['cronExpression', 'cronSchedule'] as const) {
    const source = label === 'cronExpression' ? task.cronExpression?.trim() || null : rebuiltCron(task, notes);
    if (!source) {
      if (label === 'cronExpression') notes.push('no cronExpression');
      continue;
    }
    const attempt = tryCron(source, zone);
    if (attempt.ok) {
      const note = notes.length > 0 ? [...notes, `using ${label}`].join('; ') : null;
      return cronSchedule(task, attempt.expression, attempt.occurrences, zone, note);
    }
    const problem = `${label} "${attempt.expression}": ${attempt.reason}`;
    if (attempt.unsupported) return unknownSchedule(zone, problem, attempt.expression);
    notes.push(problem);
  }

  const seconds = task.runIntervalSeconds;
  const anchor = task.startDate ?? task.created ?? task.lastStart;
  if (seconds !== null && Number.isFinite(seconds) && seconds > 0 && anchor !== null) {
    return intervalSchedule(task, seconds, anchor, zone, [...notes, 'using runIntervalSeconds'].join('; '));
  }
  if (seconds !== null && seconds > 0) notes.push('runIntervalSeconds has no start date to count from');
  return unknownSchedule(zone, notes.join('; ') || 'no schedule fields');
}
