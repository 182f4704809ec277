import type { TaskSummary } from '$contract/models';
import { healthRank } from './health';

/** A task with what the table derives once per snapshot rather than once per keystroke. */
export class TaskRow {
  readonly key: string;
  #haystack: string | null = null;
  #titleKey: string | null = null;

  constructor(
    readonly task: TaskSummary,
    readonly portalName: string,
    /** The portal name's place in the collation order: sorting compares these, not the names, 10,000 times. */
    readonly portalRank: number,
  ) {
    this.key = `${task.portalId}\u0000${task.id}`;
  }

  /** Lower-cased text the search box matches against; made at the first search, not for the first frame. */
  get haystack(): string {
    const { task } = this;
    this.#haystack ??= [task.title, task.taskType, this.portalName, task.portalId, task.lastRun?.result ?? '', task.healthMessage].join('\n').toLowerCase();
    return this.#haystack;
  }

  /** The title as the table orders it (see titleOrder). */
  get titleKey(): string {
    this.#titleKey ??= numericKey(this.task.title);
    return this.#titleKey;
  }
}

export type SortKey = 'portal' | 'title' | 'type' | 'state' | 'schedule' | 'nextRun' | 'lastRun' | 'health';
export type SortDirection = 'ascending' | 'descending';

const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

type Compare = (a: TaskRow, b: TaskRow) => number;

/** Digit runs padded to one width, so that plain comparison puts "run 9" before "run 10", as the collator does. */
const numericKey = (value: string) => value.replace(/\d+/g, (digits) => digits.padStart(20, '0'));

/**
 * Titles break every tie, so the first frame of 10,000 tasks compares ~120,000 pairs of them. Compared by
 * their numeric keys with localeCompare, which V8 does several times faster than a collator with options
 * (10,000 titles: ~5 vs ~27 ms); same order but for titles that differ only in case or accents.
 */
const titleOrder: Compare = (a, b) => a.titleKey.localeCompare(b.titleKey);

/** Missing times sort last in both directions: "no next run" is never the most urgent. */
const byTime =
  (pick: (task: TaskSummary) => number | null): Compare =>
  (a, b) => {
    const x = pick(a.task);
    const y = pick(b.task);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return x - y;
  };

const lastRunTime = (task: TaskSummary) => task.lastRun?.startedAt ?? task.lastRun?.created ?? task.lastStart;

const comparators: Record<SortKey, Compare> = {
  portal: (a, b) => a.portalRank - b.portalRank,
  title: titleOrder,
  type: (a, b) => text.compare(a.task.taskType, b.task.taskType),
  state: (a, b) => Number(b.task.active) - Number(a.task.active) || text.compare(a.task.state, b.task.state),
  schedule: (a, b) => text.compare(a.task.schedule, b.task.schedule),
  nextRun: byTime((task) => task.nextRun),
  lastRun: byTime(lastRunTime),
  health: (a, b) => healthRank(a.task.health) - healthRank(b.task.health),
};

const tieBreak: Compare = (a, b) =>
  comparators.portal(a, b) || comparators.title(a, b) || text.compare(a.task.id, b.task.id);

const nullsLast = new Set<SortKey>(['nextRun', 'lastRun']);

export function sortRows(rows: TaskRow[], key: SortKey, direction: SortDirection): TaskRow[] {
  const compare = comparators[key];
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const primary = compare(a, b);
    if (primary !== 0 && nullsLast.has(key)) {
      const missing = (row: TaskRow) => (key === 'nextRun' ? row.task.nextRun : lastRunTime(row.task)) === null;
      if (missing(a) !== missing(b)) return primary;
    }
    return sign * primary || tieBreak(a, b);
  });
}

/** A row for each task; each portal is named and ranked once. */
export function toRows(tasks: readonly TaskSummary[], nameOf: (portalId: string) => string): TaskRow[] {
  const names = new Map<string, string>();
  for (const task of tasks) if (!names.has(task.portalId)) names.set(task.portalId, nameOf(task.portalId));
  const rank = new Map<string, number>();
  let previous: string | undefined;
  for (const name of [...new Set(names.values())].sort(text.compare)) {
    // Names the collator holds equal share a place, as they did when compared directly.
    rank.set(name, previous === undefined ? 0 : rank.get(previous)! + (text.compare(previous, name) === 0 ? 0 : 1));
    previous = name;
  }
  return tasks.map((task) => {
    const portalName = names.get(task.portalId)!;
    return new TaskRow(task, portalName, rank.get(portalName)!);
  });
}
