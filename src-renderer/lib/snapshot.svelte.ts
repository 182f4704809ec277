import type { TaskwatchApi } from '$contract/api';
import type { PortalView, Snapshot, TaskRef, TaskSummary } from '$contract/models';

/**
 * The latest picture from main. Raw state: a snapshot is replaced whole, never mutated, and with
 * 10,000 tasks a deep proxy would cost more than the whole render.
 */
export class SnapshotStore {
  #snapshot = $state.raw<Snapshot | null>(null);
  #loadError = $state<string | null>(null);
  readonly #api: TaskwatchApi;

  constructor(api: TaskwatchApi) {
    this.#api = api;
  }

  get current(): Snapshot | null {
    return this.#snapshot;
  }

  get loadError(): string | null {
    return this.#loadError;
  }

  get portals(): PortalView[] {
    return this.#snapshot?.portals ?? [];
  }

  get tasks(): TaskSummary[] {
    return this.#snapshot?.tasks ?? [];
  }

  #portalsById = $derived(new Map(this.portals.map((portal) => [portal.id, portal])));

  portal(id: string): PortalView | undefined {
    return this.#portalsById.get(id);
  }

  task(ref: TaskRef): TaskSummary | undefined {
    return this.tasks.find((task) => task.portalId === ref.portalId && task.id === ref.taskId);
  }

  /** Subscribes first, then asks, so no change between the two is lost. Returns the unsubscribe. */
  start(): () => void {
    const stop = this.#api.on('snapshot', (snapshot) => this.#accept(snapshot));
    void this.#api.invoke('getSnapshot', {}).then((result) => {
      if (result.ok) this.#accept(result.value);
      else if (!this.#snapshot) this.#loadError = result.error.message;
    });
    return stop;
  }

  /** An older answer that arrives late must not overwrite a newer push. */
  #accept(snapshot: Snapshot) {
    if (this.#snapshot && snapshot.revision < this.#snapshot.revision) return;
    this.#snapshot = snapshot;
    this.#loadError = null;
    // User Timing for the UI bench: what came before is transport and validation, what follows is drawing.
    performance.mark('taskwatch:snapshot');
  }
}
