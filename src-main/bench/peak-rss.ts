import { getHeapStatistics, type HeapInfo } from 'node:v8';

export interface PeakRss {
  /** The highest RSS sampled so far (bytes), and V8's heap at that moment. */
  readonly bytes: number;
  readonly heap: HeapInfo;
  stop(): void;
}

/**
 * Samples this process's RSS every 20 ms until stopped. `rss()` alone: the whole memoryUsage() costs the
 * process measured ~10 ms of CPU a second; the heap is asked only at a new peak.
 */
export function trackPeakRss(): PeakRss {
  const peak = { bytes: process.memoryUsage.rss(), heap: getHeapStatistics() };
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= peak.bytes) return;
    peak.bytes = rss;
    peak.heap = getHeapStatistics();
  }, 20);
  return {
    get bytes() {
      return peak.bytes;
    },
    get heap() {
      return peak.heap;
    },
    stop: () => {
      clearInterval(sampler);
      const rss = process.memoryUsage.rss();
      if (rss > peak.bytes) Object.assign(peak, { bytes: rss, heap: getHeapStatistics() });
    },
  };
}
