import { Cron } from 'croner';
import { isUtc } from '../time/zone';
import { repeatsEarlierWallTime } from './zone-time';

/** Occurrences of a schedule as epoch ms. */
export interface Occurrences {
  /** First occurrence strictly after `after`, or null. */
  next(after: number): number | null;
  /** Latest occurrence at or before `atOrBefore`, or null. */
  previous(atOrBefore: number): number | null;
}

/*
 * Daylight saving, as Quartz does it (CronExpression on java.util.Calendar):
 * - Clocks go forward: a wall-clock time that does not exist that day never fires. A daily 02:30 job
 *   is skipped on that day (Quartz maintainers, quartz-scheduler/quartz#51: "that's how we design"),
 *   and an hourly job goes 01:00 -> 03:00. croner instead moves a fixed-time job to the end of the
 *   gap, so an occurrence croner returns that does not match the pattern's wall-clock time is dropped.
 * - Clocks go back: each wall-clock time fires once, never twice (quartz#81: the repeated hour gets
 *   no firings; a daily job runs once). croner runs interval jobs on both passes, so the second pass
 *   is dropped. Which pass Quartz picks for a time that only exists in the repeated hour is down to
 *   java.util.Calendar (reports differ, quartz#81 vs quartz#1104): we list the first pass, and the
 *   overdue check waits for the second one before calling it missed (see overdue.ts).
 */

/** Enough to walk an every-second job through a repeated hour (3 600 dropped seconds). */
const MAX_DROPPED = 10_000;
/** Answers kept per compiled expression: one poll asks the same question for every task sharing it. */
const MEMO_SIZE = 256;
const CACHE_SIZE = 2_000;

class CompiledCron implements Occurrences {
  private readonly nextMemo = new Map<number, number | null>();
  private readonly previousMemo = new Map<number, number | null>();

  constructor(
    private readonly cron: Cron,
    private readonly zone: string,
  ) {}

  next(after: number): number | null {
    return memo(this.nextMemo, after, () => this.walk(after, (from) => this.cron.nextRun(new Date(from))));
  }

  previous(atOrBefore: number): number | null {
    // croner's previous run is strictly before its reference: step 1 ms past to include `atOrBefore`.
    return memo(this.previousMemo, atOrBefore, () =>
      this.walk(atOrBefore + 1, (from) => this.cron.previousRuns(1, new Date(from))[0] ?? null),
    );
  }

  private walk(from: number, step: (from: number) => Date | null): number | null {
    let cursor = from;
    for (let dropped = 0; dropped <= MAX_DROPPED; dropped++) {
      const found = step(cursor);
      if (!found) return null;
      if (!this.isPhantom(found)) return found.getTime();
      cursor = found.getTime();
    }
    return null;
  }

  /** An occurrence Quartz would not fire: shifted out of a spring-forward gap, or a repeated wall time. */
  private isPhantom(at: Date): boolean {
    if (isUtc(this.zone)) return false;
    return !this.cron.match(at) || repeatsEarlierWallTime(at.getTime(), this.zone);
  }
}

function memo(map: Map<number, number | null>, key: number, compute: () => number | null): number | null {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (map.size >= MEMO_SIZE) map.clear();
  map.set(key, value);
  return value;
}

const compiled = new Map<string, CompiledCron>();

/**
 * The occurrences of a croner pattern (from `parseQuartz`) in a canonical IANA zone; throws when
 * croner refuses the pattern. Compiled once per (pattern, zone): thousands of tasks share a few.
 */
export function compileCron(pattern: string, zone: string): Occurrences {
  const key = `${zone} ${pattern}`;
  let entry = compiled.get(key);
  if (!entry) {
    const cron = new Cron(pattern, {
      paused: true,
      // Quartz numbering: 1 = Sunday ... 7 = Saturday.
      alternativeWeekdays: true,
      mode: '6-or-7-parts',
      // Quartz steps such as `0/15` are "sloppy" to croner.
      sloppyRanges: true,
      // UTC needs no zone rules; croner's fixed offset path is several times faster.
      ...(isUtc(zone) ? { utcOffset: 0 } : { timezone: zone }),
    });
    entry = new CompiledCron(cron, zone);
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, entry);
  }
  return entry;
}
