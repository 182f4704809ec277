/**
 * Which slice of a long list is on screen. Rows have one fixed height, so the slice follows from the
 * scroll offset alone and 10,000 rows cost as much as the 30 that are visible.
 */
export class VirtualWindow {
  scrollTop = $state(0);
  /** Until the observer reports: the window's height, an upper bound that needs no layout. */
  viewportHeight = $state(window.innerHeight);
  readonly rowHeight: number;
  readonly #count: () => number;
  readonly #overscan: number;

  constructor(rowHeight: number, count: () => number, overscan = 10) {
    this.rowHeight = rowHeight;
    this.#count = count;
    this.#overscan = overscan;
  }

  get count() {
    return this.#count();
  }

  /** Index of the first row in the DOM (a few above the fold, so fast scrolling shows no gap). */
  get first() {
    return Math.max(0, Math.floor(this.scrollTop / this.rowHeight) - this.#overscan);
  }
  /** One past the last row in the DOM. */
  get end() {
    return Math.min(this.count, Math.ceil((this.scrollTop + this.viewportHeight) / this.rowHeight) + this.#overscan);
  }
  get padTop() {
    return this.first * this.rowHeight;
  }
  get padBottom() {
    return Math.max(0, (this.count - this.end) * this.rowHeight);
  }

  /** Rows fully visible at once, for Page Up / Page Down. */
  get pageSize() {
    return Math.max(1, Math.floor(this.viewportHeight / this.rowHeight) - 1);
  }

  /** The scroll offset that brings row `index` into view below a sticky header, or null if it already is. */
  scrollFor(index: number, headerHeight: number): number | null {
    const top = index * this.rowHeight;
    const bottom = top + this.rowHeight;
    if (top < this.scrollTop) return top;
    if (bottom > this.scrollTop + this.viewportHeight - headerHeight) return bottom - this.viewportHeight + headerHeight;
    return null;
  }

  /**
   * Svelte attachment for the scrolling element: tracks its offset and height. The height is first
   * reported by the observer, after layout and before the first paint: reading it here would force a
   * layout of the whole window while its rows are still being created (~30 ms at start-up).
   */
  track = (element: HTMLElement) => {
    const onScroll = () => (this.scrollTop = element.scrollTop);
    const observer = new ResizeObserver(() => (this.viewportHeight = element.clientHeight));
    element.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(element);
    if (this.scrollTop > 0) element.scrollTop = this.scrollTop; // back from a task: where the admin was
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  };
}
