import type { Snapshot } from '../../contract/models';
import type { EventName, EventPayload } from '../../contract/api';
import type { Clock } from '../ports';

/** Typed event listeners; snapshot pushes are coalesced so a burst of polls sends one picture. */
export class Listeners {
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  #pending: (() => void) | null = null;

  add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emitDebounced(event: 'snapshot', build: () => Snapshot, clock: Clock): void {
    if (this.#pending || !this.#listeners.get(event)?.size) return;
    this.#pending = clock.setTimeout(() => {
      this.#pending = null;
      const payload = build();
      for (const listener of this.#listeners.get(event) ?? []) (listener as (payload: Snapshot) => void)(payload);
    }, 100);
  }

  clear(): void {
    this.#pending?.();
    this.#pending = null;
    this.#listeners.clear();
  }
}
