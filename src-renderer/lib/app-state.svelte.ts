import type { TaskwatchApi } from '$contract/api';
import type { TaskRef } from '$contract/models';
import { Ticker } from './clock.svelte';
import { Navigation } from './navigation.svelte';
import { RoutingStore } from './routing.svelte';
import { RunHistory } from './run-history.svelte';
import { SnapshotStore } from './snapshot.svelte';
import { TaskDetails } from './task-details.svelte';
import { TaskTable } from './task-table.svelte';
import { VirtualWindow } from './virtual-window.svelte';

/** Row height of the task table, in CSS pixels; the stylesheet reads it from --row-height. */
export const TASK_ROW_HEIGHT = 34;

/** Everything the window keeps while views come and go (so the table keeps its scroll and filters). */
export class AppState {
  readonly api: TaskwatchApi;
  readonly store: SnapshotStore;
  readonly nav = new Navigation();
  readonly ticker = new Ticker();
  readonly table: TaskTable;
  readonly taskWindow: VirtualWindow;
  /** The open task's run history (one detail shows at a time). */
  readonly history: RunHistory;
  /** The open task in full (the snapshot lists tasks in summary). */
  readonly details: TaskDetails;
  /** Channels, mutes and maintenance windows (asked for apart from the snapshot). */
  readonly routing: RoutingStore;

  constructor(api: TaskwatchApi) {
    this.api = api;
    this.store = new SnapshotStore(api);
    this.table = new TaskTable(this.store);
    this.taskWindow = new VirtualWindow(TASK_ROW_HEIGHT, () => this.table.rows.length);
    this.history = new RunHistory(api);
    this.details = new TaskDetails(api);
    this.routing = new RoutingStore(api);
  }

  /** Starts the snapshot feed, the clock and `navigate` pushes; returns one function that stops all. */
  start(): () => void {
    const stops = [
      this.store.start(),
      this.routing.start(),
      this.ticker.start(),
      this.api.on('navigate', (ref: TaskRef) => this.nav.open(ref)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  openRow(index: number) {
    const row = this.table.rows[index];
    if (row) this.nav.open({ portalId: row.task.portalId, taskId: row.task.id });
  }

  closeTask() {
    const open = this.nav.openTask;
    this.nav.closeTask();
    if (open) this.table.placeCursorOn(open);
  }
}
