import type { TaskRef } from '$contract/models';

/**
 * The bookkeeping of data loaded per task on demand: each task and version is fetched once, and only the
 * newest request's answer is kept (the admin may open another task before an answer arrives).
 */
export class LatestLoad {
  #loadedFor = '';
  #request = 0;

  /**
   * Null when that task and version are loaded (or loading) already; else the request: whether it is the
   * task loaded before (its data may stay on show meanwhile), and whether its answer is still wanted.
   */
  begin(ref: TaskRef, version: string): { sameTask: boolean; wanted: () => boolean } | null {
    const task = `${ref.portalId}\u0000${ref.taskId}\u0000`;
    const key = `${task}${version}`;
    if (key === this.#loadedFor) return null;
    const sameTask = this.#loadedFor.startsWith(task);
    this.#loadedFor = key;
    const request = ++this.#request;
    return { sameTask, wanted: () => request === this.#request };
  }

  /** The request failed: the same task and version may be asked for again. */
  failed(): void {
    this.#loadedFor = '';
  }
}
