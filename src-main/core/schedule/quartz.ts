/**
 * Quartz cron expressions, as ArcGIS Enterprise stores them: `sec min hour day-of-month month
 * day-of-week [year]`, read the way Quartz's CronExpression reads them: the same accepted forms, the
 * same value sets (including its quirks, noted where they surprise), and the same rejections, each
 * explained with the field it is in. croner and cronstrue read several of these forms differently
 * (`L-2`, `L-1W`, lists with `L`, `3#1,5`, steps as large as the field), hence this parser.
 */

/** Day-of-month `L-n` is kept as LAST_DAY - n, above the plain days 1-31 (Quartz's own encoding). */
export const LAST_DAY = 62;
const MAX_LAST_OFFSET = 30;
/** Quartz's `*` year ends 100 years after the year it was loaded in. */
export const MAX_YEAR = new Date().getUTCFullYear() + 100;
const FIRST_YEAR = 1970;

/** The value sets Quartz computes fire times from; each array sorted ascending. Shared: never modified. */
export interface QuartzFields {
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  /** null when `?`. Plain days 1-31; `L-n` as LAST_DAY - n. */
  daysOfMonth: readonly number[] | null;
  /** Days given with `W` (nearest weekday), same encoding. */
  nearestWeekdays: readonly number[];
  months: readonly number[];
  /** null when `?`. 1 = Sunday ... 7 = Saturday. */
  daysOfWeek: readonly number[] | null;
  /** `nL`: the last such weekday of the month (of the smallest weekday listed, as Quartz does). */
  lastDayOfWeek: boolean;
  /** `n#k`: the k-th such weekday of the month (1-5), else 0. */
  nthDayOfWeek: number;
  years: readonly number[];
}

export type QuartzParse =
  | {
      ok: true;
      /** The expression as Quartz reads it: upper case, single spaces. */
      expression: string;
      fields: QuartzFields;
    }
  | {
      ok: false;
      /** The input in Quartz's form, upper case and single spaces, for messages. */
      expression: string;
      reason: string;
      /** False for text Quartz might read in part rather than reject (`2-4L`): refused here all the same. */
      quartzRejects: boolean;
    };

const SECOND = 0;
const MINUTE = 1;
const HOUR = 2;
const DAY_OF_MONTH = 3;
const MONTH = 4;
const DAY_OF_WEEK = 5;
const YEAR = 6;

const FIELD_NAMES = ['seconds', 'minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'];
/** Smallest and largest value of each field; the year's largest is Quartz's MAX_YEAR. */
const LIMITS: ReadonlyArray<readonly [number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [1, 7],
  [FIRST_YEAR, MAX_YEAR],
];
/** Quartz refuses a step above these (`/60` in minutes, `/24` in hours...); the year has no limit. */
const MAX_STEP = [59, 59, 23, 31, 12, 7, Infinity];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

class Rejection extends Error {}
/** Text this parser will not guess at, which Quartz either rejects or reads only in part (`2-4L` as 2-4). */
class Unreadable extends Rejection {}

/** What one field contributes while it is read. */
interface FieldSet {
  values: Set<number>;
  nearestWeekdays: Set<number>;
  noSpecificValue: boolean;
  lastDayOfWeek: boolean;
  nthDayOfWeek: number;
}

function number(text: string, what: string): number {
  if (text === '') throw new Rejection(`${what} is missing`);
  if (!/^\d+$/.test(text)) throw new Rejection(`${what} "${text}" is not a number`);
  return Number(text);
}

/** A value in this field: digits, or a month / weekday name where the field has names. */
function valueOf(text: string, field: number): number {
  const names = field === MONTH ? MONTHS : field === DAY_OF_WEEK ? WEEKDAYS : null;
  if (names && /^[A-Z]+$/.test(text)) {
    const index = names.indexOf(text);
    if (index < 0) throw new Rejection(`"${text}" is not a ${field === MONTH ? 'month (JAN-DEC)' : 'weekday (SUN-SAT)'}`);
    return index + 1;
  }
  if (/^[A-Z]/.test(text)) throw new Rejection(`names such as "${text}" are not allowed here`);
  const value = number(text, 'a value');
  checkValue(value, field);
  return value;
}

function checkValue(value: number, field: number): void {
  const [min, max] = LIMITS[field]!;
  // Quartz takes any year and simply never fires in one it cannot reach.
  if (field === YEAR) return;
  if (value < min || value > max) throw new Rejection(`${value} is outside ${min}-${max}`);
}

function checkStep(step: number, field: number): void {
  if (step > MAX_STEP[field]!) throw new Rejection(`a step of ${step} is too large (at most ${MAX_STEP[field]})`);
}

/**
 * Adds `from`..`to` every `step` to the set. A range whose end is below its start wraps round the
 * field (`FRI-MON`, `22-2`, day-of-month `28-3` counting 31 days), as Quartz does; years cannot wrap.
 */
function addRange(set: Set<number>, from: number, to: number, step: number, field: number): void {
  const [min, max] = LIMITS[field]!;
  let end = to;
  let size = 0;
  if (to < from) {
    if (field === YEAR) throw new Rejection(`the range ${from}-${to} runs backwards`);
    size = field === DAY_OF_MONTH ? 31 : max - min + 1;
    end = to + size;
  }
  for (let v = from; v <= end; v += step) {
    if (size === 0) set.add(v);
    else {
      const wrapped = v % size;
      set.add(wrapped === 0 && min === 1 ? size : wrapped);
    }
  }
}

/** One comma-separated item of a field. */
function readItem(item: string, field: number, into: FieldSet): void {
  const [min, max] = LIMITS[field]!;
  if (item === '?') {
    if (field !== DAY_OF_MONTH && field !== DAY_OF_WEEK) throw new Rejection('"?" is only allowed in day-of-month or day-of-week');
    into.noSpecificValue = true;
    return;
  }
  if (item === '*') {
    addRange(into.values, min, max, 1, field);
    return;
  }
  let match = /^\*?\/(.*)$/.exec(item);
  if (match) {
    const step = number(match[1]!, 'the step');
    checkStep(step, field);
    // Quartz reads `*/0` as every value.
    addRange(into.values, min, max, Math.max(step, 1), field);
    return;
  }
  if (field === DAY_OF_MONTH) {
    match = /^L(?:-(\d+))?(W?)$/.exec(item);
    if (match) {
      const offset = Number(match[1] ?? 0);
      if (offset > MAX_LAST_OFFSET) throw new Rejection(`the offset from the last day must be at most ${MAX_LAST_OFFSET}`);
      (match[2] ? into.nearestWeekdays : into.values).add(LAST_DAY - offset);
      return;
    }
    match = /^(\d+)W$/.exec(item);
    if (match) {
      const day = Number(match[1]);
      // Quartz takes `0W` too; it never fires, there being no day 0.
      if (day > 31) throw new Rejection('"W" needs a day of the month, 1-31');
      into.nearestWeekdays.add(day);
      return;
    }
  }
  if (field === DAY_OF_WEEK) {
    if (item === 'L') {
      // `L` alone is the week's last day, Saturday: not "last of the month".
      into.values.add(7);
      return;
    }
    match = /^([A-Z]{3}|\d+)(?:L|#(\d+))$/.exec(item);
    if (match) {
      into.values.add(valueOf(match[1]!, field));
      if (match[2] === undefined) into.lastDayOfWeek = true;
      else {
        const nth = Number(match[2]);
        if (nth < 1 || nth > 5) throw new Rejection('"#" must be followed by 1-5');
        into.nthDayOfWeek = nth;
      }
      return;
    }
  }
  // Quartz ignores a step after a name or a range of names (`JAN-MAR/2` is January to March); so do we.
  match = /^([A-Z]{3})(?:-([A-Z]{3}))?(?:\/\d+)?$/.exec(item);
  if (match) {
    const from = valueOf(match[1]!, field);
    if (match[2] === undefined) into.values.add(from);
    else addRange(into.values, from, valueOf(match[2], field), 1, field);
    return;
  }
  if (item.endsWith('/')) throw new Rejection('the step is missing');
  if (field < DAY_OF_MONTH && item.startsWith('L')) throw new Rejection('"L" is only allowed in day-of-month or day-of-week');
  const weekdayMark = /^\d+(L|#)/.exec(item);
  if (weekdayMark && field !== DAY_OF_WEEK) throw new Rejection(`"${weekdayMark[1]}" after a number is only allowed in day-of-week`);
  if (field !== DAY_OF_MONTH && /^\d+W/.test(item)) throw new Rejection('"W" is only allowed in day-of-month');
  const numeric = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(item);
  if (!numeric) {
    throw new Unreadable(/[LW#]/.test(item) ? '"L", "W" and "#" are not allowed here' : 'is not a value, range or step');
  }
  const [, fromText, toText, stepText] = numeric;
  const from = valueOf(fromText!, field);
  const to = toText === undefined ? null : number(toText, 'the range end');
  if (to !== null) checkValue(to, field);
  if (stepText === undefined) {
    if (to === null) into.values.add(from);
    else addRange(into.values, from, to, 1, field);
    return;
  }
  const step = Number(stepText);
  // Quartz checks the step of `5/20` but not of `5-30/60`; a step of 0 leaves only the start.
  if (to === null) checkStep(step, field);
  if (step === 0) into.values.add(from);
  else addRange(into.values, from, to ?? max, step, field);
}

function readField(text: string, field: number): FieldSet {
  const into: FieldSet = { values: new Set(), nearestWeekdays: new Set(), noSpecificValue: false, lastDayOfWeek: false, nthDayOfWeek: 0 };
  if (field === DAY_OF_WEEK && text.length > 1 && text.includes('L') && text.includes(',')) {
    throw new Rejection('Quartz does not support "L" together with other days of the week');
  }
  if (field === DAY_OF_WEEK && (text.match(/#/g) ?? []).length > 1) {
    throw new Rejection('Quartz does not support more than one "#" day');
  }
  // Quartz skips empty items (`1,,2`); `?` must stand alone.
  const items = text.split(',').filter((item) => item !== '');
  if (items.length > 1 && items.includes('?')) throw new Rejection('"?" must stand alone');
  if (items.length === 0) throw new Rejection('is empty');
  for (const item of items) {
    try {
      readItem(item, field, into);
    } catch (error) {
      // In a list, say which item is wrong.
      if (error instanceof Rejection && items.length > 1) {
        throw new (error instanceof Unreadable ? Unreadable : Rejection)(`"${item}": ${error.message}`);
      }
      throw error;
    }
  }
  return into;
}

const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);

const parsed = new Map<string, QuartzParse>();
const PARSED_KEPT = 2_000;

/** The expression read as Quartz reads it. Cached: a poll asks for the same few texts thousands of times. */
export function parseQuartz(input: string): QuartzParse {
  let result = parsed.get(input);
  if (!result) {
    result = readExpression(input);
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(input, result);
  }
  return result;
}

function readExpression(input: string): QuartzParse {
  const texts = input.trim().toUpperCase().split(/\s+/).filter((t) => t !== '');
  const expression = texts.join(' ');
  const invalid = (reason: string, quartzRejects = true): QuartzParse => ({ ok: false, expression, reason, quartzRejects });
  if (texts.length > 7) return invalid(`has ${texts.length} fields; Quartz takes at most 7 (seconds first, year last)`);
  if (texts.length < 6) return invalid(`has ${texts.length} fields; Quartz needs 6 or 7 (seconds first, year last)`);
  const sets: FieldSet[] = [];
  for (const [field, text] of [...texts, '*'].slice(0, 7).entries()) {
    try {
      sets.push(readField(text, field));
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      return invalid(`${FIELD_NAMES[field]} "${text}": ${error.message}`, !(error instanceof Unreadable));
    }
  }
  const dom = sets[DAY_OF_MONTH]!;
  const dow = sets[DAY_OF_WEEK]!;
  if (dom.noSpecificValue && dow.noSpecificValue) return invalid('day-of-month and day-of-week are both "?"; Quartz needs a value in one of them');
  if (!dom.noSpecificValue && !dow.noSpecificValue) {
    return invalid('day-of-month and day-of-week are both given; Quartz needs "?" in one of them');
  }
  for (const field of [SECOND, MINUTE, HOUR, MONTH, YEAR]) {
    if (sets[field]!.values.size === 0) return invalid(`${FIELD_NAMES[field]} "${texts[field]}" has no values`);
  }
  return {
    ok: true,
    expression,
    fields: {
      seconds: sorted(sets[SECOND]!.values),
      minutes: sorted(sets[MINUTE]!.values),
      hours: sorted(sets[HOUR]!.values),
      daysOfMonth: dom.noSpecificValue ? null : sorted(dom.values),
      nearestWeekdays: sorted(dom.nearestWeekdays),
      months: sorted(sets[MONTH]!.values),
      daysOfWeek: dow.noSpecificValue ? null : sorted(dow.values),
      lastDayOfWeek: dow.lastDayOfWeek,
      nthDayOfWeek: dow.nthDayOfWeek,
      years: sorted(sets[YEAR]!.values),
    },
  };
}

