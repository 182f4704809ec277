import cronstrue from 'cronstrue';
import { canEverFire } from './fire-times';
import { MAX_YEAR, type QuartzFields } from './quartz';

export const UNKNOWN_SCHEDULE = 'unknown schedule';

const described = new Map<string, string>();
const CACHE_SIZE = 2_000;

/**
 * Rewrites an item into the form cronstrue words the way Quartz reads it: `/5` is `*\/5`, a step of 0
 * leaves only the start (or every value, for `*\/0`), and a step after names is ignored.
 */
function asCronstrueReads(item: string): string {
  return item
    .replace(/^\/(\d+)$/, '*/$1')
    .replace(/^\*\/0+$/, '*')
    .replace(/^(\d+)(?:-\d+)?\/0+$/, '$1')
    .replace(/^([A-Z]{3}(?:-[A-Z]{3})?)\/\d+$/, '$1');
}

const mapItems = (text: string, map: (item: string) => string): string =>
  text
    .split(',')
    .filter((item) => item !== '')
    .map(map)
    .join(',');

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** One day-of-month item, when the field has `L` or `W`, in words. cronstrue reads only some of these forms. */
function dayOfMonthItemWords(item: string): string {
  const last = /^L(?:-(\d+))?(W?)$/.exec(item);
  if (last) {
    const offset = Number(last[1] ?? 0);
    const before = `${days(offset)} before the last day of the month`;
    if (last[2]) return offset === 0 ? 'on the last weekday of the month' : `on the weekday nearest ${before}`;
    return offset === 0 ? 'on the last day of the month' : before;
  }
  const weekday = /^(\d+)W$/.exec(item);
  if (weekday) return `on the weekday nearest day ${Number(weekday[1])} of the month`;
  return /[-/*]/.test(item) ? `on days ${asCronstrueReads(item)} of the month` : `on day ${Number(item)} of the month`;
}

/** The year field, bounded where Quartz bounds it (a `*` year means no year at all). */
function yearForCronstrue(text: string): string | null {
  if (text === '*') return null;
  return mapItems(text, (item) => {
    const step = /^(\*|\d+)?\/(\d+)$/.exec(item);
    if (!step) return item;
    return `${step[1] === undefined || step[1] === '*' ? 1970 : step[1]}-${MAX_YEAR}/${step[2]}`;
  });
}

function dayOfWeekForCronstrue(text: string, fields: QuartzFields): string {
  // Quartz applies `#` and `nL` to the smallest weekday listed, and ignores the rest.
  const first = fields.daysOfWeek?.[0];
  if (first !== undefined && fields.nthDayOfWeek > 0) return `${first}#${fields.nthDayOfWeek}`;
  if (first !== undefined && fields.lastDayOfWeek) return `${first}L`;
  return text === 'L' ? '7' : mapItems(text, asCronstrueReads);
}

/**
 * A Quartz expression (accepted by parseQuartz) in words, e.g. `At 04:00, only on Saturday`:
 * cronstrue words it, on the fields rewritten to say what Quartz does; day-of-month forms with `L` or
 * `W` are worded here, since cronstrue reads `L-1W` and lists with `L` differently. Weekdays are
 * numbered from 1 = Sunday, on a 24-hour clock as admins read schedules.
 */
export function describeCron(expression: string, fields: QuartzFields): string {
  const known = described.get(expression);
  if (known !== undefined) return known;
  const texts = expression.split(' ');
  // A step that leaves one value is that value (`7/6` in the month field is July only).
  const sets = [fields.seconds, fields.minutes, fields.hours, fields.daysOfMonth, fields.months, fields.daysOfWeek, fields.years];
  const [second, minute, hour, dayOfMonth, month, dayOfWeek, year = '*'] = texts.map((text, i) =>
    text.includes('/') && sets[i]?.length === 1 ? String(sets[i][0]) : text,
  ) as [string, string, string, string, string, string, string?];
  const ownDayWords = /[LW]/.test(dayOfMonth) ? dayOfMonth.split(',').filter((item) => item !== '').map(dayOfMonthItemWords).join(' and ') : null;
  const yearText = yearForCronstrue(year);
  const rewritten = [
    ...[second, minute, hour].map((text) => mapItems(text, asCronstrueReads)),
    ownDayWords ? 'L' : mapItems(dayOfMonth, asCronstrueReads),
    mapItems(month, asCronstrueReads),
    dayOfWeekForCronstrue(dayOfWeek, fields),
    ...(yearText ? [yearText] : []),
  ].join(' ');
  let words: string;
  try {
    words = cronstrue.toString(rewritten, { dayOfWeekStartIndexZero: false, use24HourTimeFormat: true, throwExceptionOnParseError: true });
    if (ownDayWords) words = words.replace('on the last day of the month', ownDayWords);
    if (!canEverFire(fields)) words += ' (a day that never comes: Quartz never runs it)';
  } catch {
    words = `Quartz cron ${expression}`;
  }
  if (described.size >= CACHE_SIZE) described.clear();
  described.set(expression, words);
  return words;
}

const UNITS: ReadonlyArray<readonly [seconds: number, singular: string]> = [
  [604_800, 'week'],
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** `Every hour`, `Every 6 hours`, `Every 90 minutes`: the largest whole unit. */
export function describeInterval(seconds: number): string {
  const [size, unit] = UNITS.find(([size]) => seconds % size === 0) ?? [1, 'second'];
  const count = seconds / size;
  return count === 1 ? `Every ${unit}` : `Every ${count} ${unit}s`;
}
