import type { TaskwatchApi } from '$contract/api';
import type { TaskRef, TaskView } from '$contract/models';
import { LatestLoad } from './latest-load';

/**
 * The open task in full (parameters, admin page), fetched on demand: the snapshot lists every task in
 * summary only. Reloaded when the picture changes; the previous answer stays on show meanwhile.
 */
export class TaskDetails {
  #task = $state.raw<TaskView | null>(null);
  #error = $state<string | null>(null);
  readonly #loads = new LatestLoad();
  readonly #api: TaskwatchApi;

  constructor(api: TaskwatchApi) {
    this.#api = api;
  }

  /** That task in full, or null until the first answer for it arrives (never another task's). */
  taskFor(ref: TaskRef): TaskView | null {
    const task = this.#task;
    return task && task.portalId === ref.portalId && task.id === ref.taskId ? task : null;
  }
  get error() {
    return this.#error;
  }

  /** `version` changes with the snapshot; the same task and version is not fetched twice. */
  async load(ref: TaskRef, version: string) {
    const load = this.#loads.begin(ref, version);
    if (!load) return;
    if (!load.sameTask) this.#task = null;
    const result = await this.#api.invoke('getTask', { portalId: ref.portalId, taskId: ref.taskId });
    if (!load.wanted()) return;
    if (result.ok) {
      this.#task = result.value;
      this.#error = null;
    } else {
      this.#error = result.error.message;
      this.#loads.failed();
    }
  }
}
