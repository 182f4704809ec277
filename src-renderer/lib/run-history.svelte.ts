import type { TaskwatchApi } from '$contract/api';
import type { RunView, TaskRef } from '$contract/models';
import { LatestLoad } from './latest-load';

/** One task's full run history, newest first, loaded on demand and reloaded when a new run appears. */
export class RunHistory {
  #runs = $state.raw<RunView[]>([]);
  #expected = $state.raw<number[] | null>(null);
  #complete = $state(true);
  #loading = $state(false);
  #error = $state<string | null>(null);
  readonly #loads = new LatestLoad();
  readonly #api: TaskwatchApi;

  constructor(api: TaskwatchApi) {
    this.#api = api;
  }

  get runs() {
    return this.#runs;
  }
  /** When the schedule expected runs over the period shown (newest first), or null when it cannot tell. */
  get expected() {
    return this.#expected;
  }
  /** False when the portal keeps more runs than it returned. */
  get complete() {
    return this.#complete;
  }
  get loading() {
    return this.#loading;
  }
  get error() {
    return this.#error;
  }

  /** `version` changes when the task's latest run does; the same task and version is not fetched twice. */
  async load(ref: TaskRef, version: string) {
    const load = this.#loads.begin(ref, version);
    if (!load) return;
    if (!load.sameTask) {
      this.#runs = [];
      this.#expected = null;
    }
    this.#loading = true;
    this.#error = null;
    const result = await this.#api.invoke('getRunHistory', { portalId: ref.portalId, taskId: ref.taskId });
    if (!load.wanted()) return;
    this.#loading = false;
    if (result.ok) {
      this.#runs = result.value.runs;
      this.#complete = result.value.complete;
      this.#expected = result.value.expected ?? null;
      performance.mark('taskwatch:run-history');
    } else {
      this.#error = result.error.message;
      this.#loads.failed();
    }
  }
}
