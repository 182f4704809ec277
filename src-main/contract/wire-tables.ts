/**
 * Long lists on their way to the window, as tables: each task (or run) a row of numbers in one flat
 * array, each distinct text once in a list the rows point into. The snapshot's 10,000 tasks repeat their
 * portal, zone, type, schedule and keys: as objects they are ~6 MiB, here about a quarter of it. The
 * window reads a table in one tight loop; as objects it took one zod walk per task, and zod has no
 * compiled fast path there (the window's CSP forbids eval).
 *
 * These are zod codecs: main encodes (`safeEncode`, after which only the declared fields exist), the
 * receiving side decodes (`safeParse`), and both ends type the decoded objects. Decoding trusts nothing:
 * every cell is checked (a text index in range, a time an integer, a word of the vocabulary), and one bad
 * cell rejects the whole answer, as a failed zod check would.
 */
import { z } from 'zod';
import type { RunView, TaskSummary } from './models';
import { RunOutcome, TaskHealth } from './vocabulary';

type Cell = number | null;

/** What crosses the wire: texts once, lists of text indexes once, and the rows' cells. */
const WireTable = z.object({
  // Tight loops rather than zod's per-item walk: tens of thousands of texts, hundreds of thousands of cells.
  texts: z.custom<string[]>((texts) => Array.isArray(texts) && texts.every((text) => typeof text === 'string'), 'texts must be strings'),
  lists: z.array(z.array(z.number().int().nonnegative())),
  // Checked cell by cell while decoding.
  cells: z.custom<Cell[]>(Array.isArray, 'cells must be an array'),
});
type WireTable = z.infer<typeof WireTable>;

class BadCell extends Error {}

/** Interns texts and lists of texts while rows are written. */
class TableWriter {
  readonly texts: string[] = [];
  readonly lists: number[][] = [];
  readonly cells: Cell[] = [];
  readonly #textIndex = new Map<string, number>();
  readonly #listIndex = new Map<string, number>();

  text = (value: string): number => {
    let index = this.#textIndex.get(value);
    if (index === undefined) {
      index = this.texts.push(value) - 1;
      this.#textIndex.set(value, index);
    }
    return index;
  };

  optionalText = (value: string | null): Cell => (value === null ? null : this.text(value));

  list = (values: readonly string[]): number => {
    const items = values.map(this.text);
    const key = items.join(',');
    let index = this.#listIndex.get(key);
    if (index === undefined) {
      index = this.lists.push(items) - 1;
      this.#listIndex.set(key, index);
    }
    return index;
  };

  table(): WireTable {
    return { texts: this.texts, lists: this.lists, cells: this.cells };
  }
}

/** Reads cells back, refusing any that is not what its column holds. */
class TableReader {
  readonly #wire: WireTable;
  #at = 0;
  readonly #lists = new Map<number, readonly string[]>();
  /** Lists already checked to hold words of a vocabulary (one vocabulary per table's list column). */
  readonly #wordLists = new Set<number>();

  constructor(wire: WireTable, width: number) {
    if (wire.cells.length % width !== 0) throw new BadCell(`the cells do not form rows of ${width}`);
    this.#wire = wire;
  }

  get done(): boolean {
    return this.#at >= this.#wire.cells.length;
  }

  #next(): Cell {
    return this.#wire.cells[this.#at++] as Cell;
  }

  text(): string {
    const cell = this.#next();
    if (typeof cell !== 'number' || !Number.isInteger(cell) || cell < 0 || cell >= this.#wire.texts.length) throw new BadCell(`cell ${this.#at - 1} is no text`);
    return this.#wire.texts[cell]!;
  }

  optionalText(): string | null {
    if (this.#wire.cells[this.#at] === null) return this.#next() as null;
    return this.text();
  }

  /** When the next cell is null, a part of the row `width` cells wide is absent: all null, and skipped. */
  skipAbsent(width: number): boolean {
    if (this.#wire.cells[this.#at] !== null) return false;
    for (let cell = 0; cell < width; cell++) if (this.#next() !== null) throw new BadCell(`cell ${this.#at - 1} belongs to an absent part`);
    return true;
  }

  word<W extends string>(words: ReadonlySet<string>): W {
    const value = this.text();
    if (!words.has(value)) throw new BadCell(`"${value}" is not a word of the vocabulary`);
    return value as W;
  }

  /** Epoch milliseconds, or null. */
  time(): number | null {
    const cell = this.#next();
    if (cell !== null && !Number.isSafeInteger(cell)) throw new BadCell(`cell ${this.#at - 1} is no time`);
    return cell;
  }

  number(): number | null {
    const cell = this.#next();
    if (cell !== null && !Number.isFinite(cell)) throw new BadCell(`cell ${this.#at - 1} is no number`);
    return cell;
  }

  flag(): boolean {
    const cell = this.#next();
    if (cell !== 0 && cell !== 1) throw new BadCell(`cell ${this.#at - 1} is no flag`);
    return cell === 1;
  }

  /**
   * A list of texts, each one a word of `words` if given. Rows that share a list share one (frozen)
   * array: 10,000 tasks have a handful of distinct outcome strips and notes, not 20,000.
   */
  list<W extends string = string>(words?: ReadonlySet<string>): readonly W[] {
    const cell = this.#next();
    const items = typeof cell === 'number' ? this.#wire.lists[cell] : undefined;
    if (!items) throw new BadCell(`cell ${this.#at - 1} is no list`);
    let list = this.#lists.get(cell!);
    if (!list) {
      list = Object.freeze(
        items.map((index) => {
          const text = this.#wire.texts[index];
          if (text === undefined) throw new BadCell(`list ${cell} points past the texts`);
          return text;
        }),
      );
      this.#lists.set(cell!, list);
    }
    if (words && !this.#wordLists.has(cell!)) {
      const stranger = list.find((item) => !words.has(item));
      if (stranger !== undefined) throw new BadCell(`"${stranger}" is not a word of the vocabulary`);
      this.#wordLists.add(cell!);
    }
    return list as readonly W[];
  }
}

const outcomes: ReadonlySet<string> = new Set(RunOutcome.options);
const healths: ReadonlySet<string> = new Set(TaskHealth.options);

const RUN_WIDTH = 8;

function writeRun(out: TableWriter, run: RunView): void {
  out.cells.push(out.text(run.id), out.text(run.status), out.text(run.outcome), run.startedAt, run.created, run.modified, run.durationMs, out.text(run.result));
}

function readRun(cells: TableReader): RunView {
  return {
    id: cells.text(),
    status: cells.text(),
    outcome: cells.word<RunOutcome>(outcomes),
    startedAt: cells.time(),
    created: cells.time(),
    modified: cells.time(),
    durationMs: cells.number(),
    result: cells.text(),
  };
}

/** A missing last run is a row of nulls, so every task row has the same width. */
const NO_RUN: Cell[] = Array(RUN_WIDTH).fill(null);

const TASK_WIDTH = 15 + RUN_WIDTH;

function writeTask(out: TableWriter, task: TaskSummary): void {
  out.cells.push(
    out.text(task.portalId), out.text(task.id), out.text(task.title), out.text(task.taskType), out.text(task.state),
    task.active ? 1 : 0, out.optionalText(task.cron), out.text(task.schedule), out.text(task.timeZone), task.nextRun, task.lastStart,
    out.list(task.recentOutcomes), out.text(task.health), out.text(task.healthMessage), out.list(task.notes),
  );
  if (task.lastRun) writeRun(out, task.lastRun);
  else out.cells.push(...NO_RUN);
}

function readTask(cells: TableReader): TaskSummary {
  const task = {
    portalId: cells.text(),
    id: cells.text(),
    title: cells.text(),
    taskType: cells.text(),
    state: cells.text(),
    active: cells.flag(),
    cron: cells.optionalText(),
    schedule: cells.text(),
    timeZone: cells.text(),
    nextRun: cells.time(),
    lastStart: cells.time(),
    recentOutcomes: cells.list<RunOutcome>(outcomes) as RunOutcome[],
    health: cells.word<TaskHealth>(healths),
    healthMessage: cells.text(),
    notes: cells.list() as string[],
  };
  return { ...task, lastRun: cells.skipAbsent(RUN_WIDTH) ? null : readRun(cells) };
}

/**
 * A codec from rows on the wire to the objects the window uses, for one kind of row. Main sends the same
 * snapshot as a push and as each answer until it changes: a list is encoded once (lists are built whole
 * and never changed afterwards; a new picture is a new list).
 */
function tableOf<Row>(width: number, write: (out: TableWriter, row: Row) => void, read: (cells: TableReader) => Row) {
  const encoded = new WeakMap<Row[], WireTable>();
  return z.codec(WireTable, z.custom<Row[]>(Array.isArray), {
    decode: (wire, context) => {
      try {
        const cells = new TableReader(wire, width);
        const rows: Row[] = [];
        while (!cells.done) rows.push(read(cells));
        return rows;
      } catch (error) {
        if (!(error instanceof BadCell)) throw error;
        context.issues.push({ code: 'custom', message: error.message, input: wire });
        return z.NEVER;
      }
    },
    encode: (rows) => {
      const known = encoded.get(rows);
      if (known) return known;
      const out = new TableWriter();
      for (const row of rows) write(out, row);
      const table = out.table();
      encoded.set(rows, table);
      return table;
    },
  });
}

/** The snapshot's tasks on the wire. */
export const TaskTable = tableOf(TASK_WIDTH, writeTask, readTask);
/** A run history's runs on the wire. */
export const RunTable = tableOf(RUN_WIDTH, writeRun, readRun);
