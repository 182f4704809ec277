import type { TaskHealth, TaskRef } from '$contract/models';
import { portalName } from './format';
import { isProblem } from './health';
import { PROBLEM_HEALTHS } from '$contract/vocabulary';
import type { SnapshotStore } from './snapshot.svelte';
import { sortRows, toRows, type SortDirection, type SortKey, type TaskRow } from './task-sort';

/** Filters, sort order and the keyboard cursor of the all-portals task table. */
export class TaskTable {
  search = $state('');
  /** '' shows every portal. */
  portalId = $state('');
  onlyProblems = $state(false);
  #sortKey = $state<SortKey>('health');
  #sortDirection = $state<SortDirection>('ascending');
  #cursor = $state(0);
  readonly #store: SnapshotStore;

  constructor(store: SnapshotStore) {
    this.#store = store;
  }

  get sortKey() {
    return this.#sortKey;
  }
  get sortDirection() {
    return this.#sortDirection;
  }

  /** Built once per snapshot; filtering and sorting reuse it. */
  #allRows = $derived.by(() => toRows(this.#store.tasks, (portalId) => portalName(this.#store.portal(portalId), portalId)));

  #filtered = $derived.by(() => {
    const needle = this.search.trim().toLowerCase();
    return this.#allRows.filter(
      (row) =>
        (!this.portalId || row.task.portalId === this.portalId) &&
        (!this.onlyProblems || isProblem(row.task.health)) &&
        (!needle || row.haystack.includes(needle)),
    );
  });

  rows: TaskRow[] = $derived(sortRows(this.#filtered, this.#sortKey, this.#sortDirection));

  /** Changes whenever the order or the filter does: the view then starts again from the top. */
  get viewKey(): string {
    return [this.#sortKey, this.#sortDirection, this.search, this.portalId, this.onlyProblems].join('\u0000');
  }

  get totalCount() {
    return this.#allRows.length;
  }

  /** How many tasks have each problem health (every problem word of the contract, zero included). */
  problemCounts = $derived.by(() => {
    const counts = new Map<TaskHealth, number>(PROBLEM_HEALTHS.map((health) => [health, 0]));
    for (const row of this.#allRows) {
      const count = counts.get(row.task.health);
      if (count !== undefined) counts.set(row.task.health, count + 1);
    }
    return counts;
  });

  problemTotal = $derived([...this.problemCounts.values()].reduce((sum, count) => sum + count, 0));

  /** Clicking the sorted column again flips it; a new column starts ascending. */
  sortBy(key: SortKey) {
    if (this.#sortKey === key) this.#sortDirection = this.#sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.#sortKey = key;
      this.#sortDirection = 'ascending';
    }
  }

  get cursor(): number {
    return Math.min(this.#cursor, Math.max(0, this.rows.length - 1));
  }

  moveCursor(to: number) {
    this.#cursor = Math.max(0, Math.min(to, this.rows.length - 1));
  }

  /** Puts the cursor back on a task (after its detail closes), if it is still listed. */
  placeCursorOn(ref: TaskRef) {
    const index = this.rows.findIndex((row) => row.task.portalId === ref.portalId && row.task.id === ref.taskId);
    if (index >= 0) this.#cursor = index;
  }
}
