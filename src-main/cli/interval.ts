import { UsageError } from './usage-error';

/** `--interval`: whole seconds, at least 1; undefined keeps the configured poll interval. */
export function parseIntervalSeconds(interval: string | undefined): number | undefined {
  if (interval === undefined) return undefined;
  const seconds = Number(interval);
  if (!(Number.isInteger(seconds) && seconds >= 1)) throw new UsageError('--interval takes a whole number of seconds, at least 1');
  return seconds;
}
