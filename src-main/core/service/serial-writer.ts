import type { Logger } from '../ports';

/**
 * Saves one after another, so an older snapshot of the state never lands after a newer one, and
 * coalesces: requests made while a save is waiting to start share that save.
 */
export class SerialWriter {
  #queue: Promise<void> = Promise.resolve();
  #waiting: Promise<void> | null = null;
  constructor(private readonly logger: Logger) {}

  run(write: () => Promise<void>): Promise<void> {
    if (this.#waiting) return this.#waiting;
    const next = this.#queue
      .then(() => {
        this.#waiting = null;
        return write();
      })
      .catch((error: Error) => {
        this.logger.log('error', 'Could not save Taskwatch files', { error: error.message });
      });
    this.#waiting = next;
    this.#queue = next;
    return next;
  }

  idle(): Promise<void> {
    return this.#queue;
  }
}
