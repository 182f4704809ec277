import { canEverFire, fireTimeAfter, laterFireTimeSameDay } from './fire-times';
import type { QuartzFields } from './quartz';

/** Occurrences of a schedule as epoch ms. */
export interface Occurrences {
  /** First occurrence strictly after `after`, or null. */
  next(after: number): number | null;
  /** Latest occurrence at or before `atOrBefore`, or null. */
  previous(atOrBefore: number): number | null;
}

const SECOND = 1000;
/** Fire times Quartz computes reach back to 1970 at most. */
const EARLIEST = 0;
/** Fire times walked forward once the window holding the previous one is found, before bisecting it. */
const WALK_STEPS = 8;
/** Answers kept per compiled expression: one poll asks the same question for every task sharing it. */
const MEMO_SIZE = 256;
const CACHE_SIZE = 2_000;

class QuartzOccurrences implements Occurrences {
  private readonly nextMemo = new Map<number, number | null>();
  private readonly previousMemo = new Map<number, number | null>();
  private readonly fires: boolean;
  /** The last fire time answered: a walk asks for the one after it next, often later the same day. */
  private lastAnswer: number | null = null;

  constructor(
    private readonly fields: QuartzFields,
    private readonly zone: string,
  ) {
    this.fires = canEverFire(fields);
  }

  next(after: number): number | null {
    if (!this.fires) return null;
    const sameDay = after === this.lastAnswer ? laterFireTimeSameDay(this.fields, this.zone, after) : undefined;
    this.lastAnswer = sameDay ?? memo(this.nextMemo, after, () => fireTimeAfter(this.fields, this.zone, after));
    return this.lastAnswer;
  }

  /**
   * Quartz only searches forward, so this does too (as Quartz's own getTimeBefore does): it widens a
   * window back from `atOrBefore` until a fire time falls in it, then finds the last one in it.
   */
  previous(atOrBefore: number): number | null {
    if (!this.fires) return null;
    return memo(this.previousMemo, atOrBefore, () => {
      const end = Math.floor(atOrBefore / SECOND) * SECOND;
      for (let width = SECOND; ; width *= 2) {
        const start = Math.max(end - width, EARLIEST - SECOND);
        const next = this.next(start);
        if (next !== null && next <= end) return this.lastUpTo(next, end);
        if (start === EARLIEST - SECOND) return null;
      }
    });
  }

  /** The last fire time at or before `end`, given one (`known`) that is. */
  private lastUpTo(known: number, end: number): number {
    let latest = known;
    for (let step = 0; step < WALK_STEPS; step++) {
      const next = this.next(latest);
      if (next === null || next > end) return latest;
      latest = next;
    }
    // Many fire times in the window (every second, in bursts): bisect for the last start whose next is in it.
    let low = latest;
    let high = end;
    while (high - low > SECOND) {
      const middle = low + Math.floor((high - low) / 2 / SECOND) * SECOND;
      const next = this.next(middle);
      if (next !== null && next <= end) low = middle;
      else high = middle;
    }
    const next = this.next(low);
    return next !== null && next <= end ? next : latest;
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

const compiled = new Map<string, QuartzOccurrences>();

/**
 * The fire times of a parsed Quartz expression (`expression` is its text, the cache key) in a
 * canonical IANA zone. Compiled once per (expression, zone): thousands of tasks share a few.
 */
export function quartzOccurrences(expression: string, fields: QuartzFields, zone: string): Occurrences {
  const key = `${zone} ${expression}`;
  let entry = compiled.get(key);
  if (!entry) {
    entry = new QuartzOccurrences(fields, zone);
    if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, entry);
  }
  return entry;
}
