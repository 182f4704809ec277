import cronstrue from 'cronstrue';

export const UNKNOWN_SCHEDULE = 'unknown schedule';

const described = new Map<string, string | null>();
const CACHE_SIZE = 2_000;

/**
 * A Quartz expression in words, e.g. `At 04:00, only on Saturday`; null when cronstrue cannot read it.
 * Quartz numbers weekdays from 1 = Sunday, and admins read schedules on a 24-hour clock.
 */
export function describeCron(expression: string): string | null {
  if (described.has(expression)) return described.get(expression)!;
  let words: string | null;
  try {
    words = cronstrue.toString(expression, {
      dayOfWeekStartIndexZero: false,
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    words = null;
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
