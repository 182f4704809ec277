/** "Now" for relative times ("2 h ago"): ticks often enough for minutes, rarely enough to stay cheap. */
export class Ticker {
  #now = $state(Date.now());

  get now(): number {
    return this.#now;
  }

  start(everyMs = 15_000): () => void {
    const timer = setInterval(() => (this.#now = Date.now()), everyMs);
    return () => clearInterval(timer);
  }
}
