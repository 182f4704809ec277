/**
 * Calendar dates and epoch days in arithmetic (H. Hinnant's civil-date algorithms), for the Quartz search:
 * it resolves its calendar a few times per fire time, and a Date object each time was most of its cost.
 */

export const DAY_MS = 86_400_000;

/** A wall-clock time read as UTC, every out-of-range field rolled over into the next, as Date.UTC and a lenient Calendar do. */
export function wallTime(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const months = year * 12 + (month - 1);
  const days = daysFromCivil(Math.floor(months / 12), (((months % 12) + 12) % 12) + 1) + day - 1;
  return days * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** The time of day `inDay` ms into a day, written into `into`. */
export function clockTime(inDay: number, into: { hour: number; minute: number; second: number }): void {
  into.hour = Math.floor(inDay / 3_600_000);
  into.minute = Math.floor(inDay / 60_000) % 60;
  into.second = Math.floor(inDay / 1000) % 60;
}

/** Days from 1970-01-01 to the 1st of the month (proleptic Gregorian; H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number (days since 1970-01-01), written into `into` (civil_from_days). */
export function civilDate(days: number, into: { year: number; month: number; day: number }): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  into.day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  into.month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  into.year = yearOfEra + era * 400 + (into.month <= 2 ? 1 : 0);
}
