import type { Result } from '$contract/api';

/**
 * One button's round trip to main: whether it is busy, and the sentence to show next to it afterwards
 * (the error in plain words, or what happened).
 */
export class Action<T> {
  #pending = $state(false);
  #error = $state<string | null>(null);
  #notice = $state<string | null>(null);

  get pending() {
    return this.#pending;
  }
  get error() {
    return this.#error;
  }
  get notice() {
    return this.#notice;
  }

  reset() {
    this.#error = null;
    this.#notice = null;
  }

  /** Runs the call unless one is already under way; `describe` turns a success into a notice. */
  async run(call: () => Promise<Result<T>>, describe?: (value: T) => string | null): Promise<T | undefined> {
    if (this.#pending) return undefined;
    this.reset();
    this.#pending = true;
    try {
      const result = await call();
      if (!result.ok) {
        this.#error = result.error.message;
        return undefined;
      }
      this.#notice = describe?.(result.value) ?? null;
      return result.value;
    } finally {
      this.#pending = false;
    }
  }
}
