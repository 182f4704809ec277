/**
 * Quartz cron expressions, as ArcGIS Enterprise stores them: `sec min hour day-of-month month
 * day-of-week [year]`, `?` for "no specific value", day-of-week 1 = Sunday ... 7 = Saturday, names
 * in any case. This checks the rules Quartz itself enforces and rewrites the few forms croner reads
 * differently, so that croner (with `alternativeWeekdays`) computes Quartz's occurrences.
 */

export type QuartzParse =
  | {
      ok: true;
      /** The expression as Quartz reads it: upper case, single spaces. */
      expression: string;
      /** The same schedule in croner's syntax. */
      pattern: string;
    }
  | {
      ok: false;
      /** The input in Quartz's form, upper case and single spaces, for messages. */
      expression: string;
      /** True for valid Quartz that Taskwatch cannot compute (so it must not fall back to a guess). */
      unsupported: boolean;
      reason: string;
    };

const DAY_OF_MONTH = 3;
const MONTH = 4;
const DAY_OF_WEEK = 5;
const YEAR = 6;

const FIELD_NAMES = ['seconds', 'minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'];
/** Smallest value and how many values a field has, for wrapping ranges such as `FRI-MON` or `22-2`. */
const FIELD_RANGES: ReadonlyArray<readonly [min: number, size: number]> = [
  [0, 60],
  [0, 60],
  [0, 24],
  [1, 31],
  [1, 12],
  [1, 7],
];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];


/** A field value as a number: digits, or a month / weekday name in that field. */
function valueOf(token: string, field: number): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const names = field === MONTH ? MONTHS : field === DAY_OF_WEEK ? WEEKDAYS : null;
  const index = names ? names.indexOf(token) : -1;
  return index >= 0 ? index + 1 : null;
}

/**
 * Quartz lets a range run past the end of its field and wrap (`FRI-MON`, `22-2/2`); croner refuses
 * those, so they become the explicit list Quartz would build.
 */
function unwrapRanges(text: string, field: number): string {
  const range = FIELD_RANGES[field];
  if (!range) return text;
  const [min, size] = range;
  return text
    .split(',')
    .map((item) => {
      const match = /^([A-Z0-9]+)-([A-Z0-9]+)(?:\/(\d+))?$/.exec(item);
      if (!match) return item;
      const from = valueOf(match[1]!, field);
      const to = valueOf(match[2]!, field);
      const step = Number(match[3] ?? 1);
      if (from === null || to === null || from <= to || step < 1) return item;
      const values: number[] = [];
      for (let v = from; v <= to + size; v += step) values.push(((v - min) % size) + min);
      return values.join(',');
    })
    .join(',');
}

/** Quartz numbers weekdays 1-7 only; croner would quietly accept 0 or 8 as Sunday. */
function weekdayProblem(dayOfWeek: string): string | null {
  for (const item of dayOfWeek.split(',')) {
    if (item === '?' || item === '*') continue;
    const [range = ''] = item.split('/');
    for (const end of range.split('-')) {
      const day = end.replace(/#.*$/, '').replace(/L$/, '');
      if (day === '*') continue;
      const value = valueOf(day, DAY_OF_WEEK);
      if (value === null || value < 1 || value > 7) return `day-of-week "${item}" is not 1-7 or SUN-SAT`;
    }
  }
  return null;
}

export function parseQuartz(input: string): QuartzParse {
  const fields = input.trim().toUpperCase().split(/\s+/);
  const expression = fields.join(' ');
  const invalid = (reason: string): QuartzParse => ({ ok: false, expression, unsupported: false, reason });
  if (fields.length !== 6 && fields.length !== 7) {
    return invalid(`has ${fields.length} fields; Quartz needs 6 or 7 (seconds first, year last)`);
  }
  const questionMark = fields.findIndex((f, i) => f.includes('?') && i !== DAY_OF_MONTH && i !== DAY_OF_WEEK);
  if (questionMark >= 0) return invalid(`"?" is only allowed in day-of-month or day-of-week, not ${FIELD_NAMES[questionMark]}`);

  const dom = fields[DAY_OF_MONTH]!;
  const dow = fields[DAY_OF_WEEK]!;
  // Quartz refuses a day-of-month AND a day-of-week; a `*` beside a specific value means "any".
  const domGiven = dom !== '?' && dom !== '*';
  const dowGiven = dow !== '?' && dow !== '*';
  if (domGiven && dowGiven) return invalid('Quartz does not support both a day-of-month and a day-of-week');
  if (dom === '?' && dow === '?') return invalid('"?" may stand in day-of-month or day-of-week, not both');
  if (/^L-\d+$/.test(dom)) {
    return { ok: false, expression, unsupported: true, reason: `day-of-month "${dom}" (days before the month's last day) is not supported` };
  }
  // `L` alone in day-of-week is Saturday in Quartz, the last day of the week.
  const weekday = dow === 'L' ? '7' : dow;
  const problem = dowGiven ? weekdayProblem(weekday) : null;
  if (problem) return invalid(problem);

  const pattern = fields
    .map((field, i) => (i === YEAR ? field : unwrapRanges(i === DAY_OF_WEEK ? weekday : field, i)))
    .join(' ');
  return { ok: true, expression, pattern };
}
