import type { Locator, Page } from 'playwright-core';

/**
 * The few browser globals these helpers use inside the page. The test tsconfig has no DOM library (main's
 * code must not see one), so they are typed here, just enough; the casts vanish from the code sent to the page.
 */
interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { activeElement: PageElement | null };
  getComputedStyle(element: unknown): { getPropertyValue(name: string): string };
}

/** Polls `probe` until it returns true; fails with `what` after `timeoutMs`. Bounded, never hangs a run. */
export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting until ${what}`);
}

/** The task table's row whose title is exactly `title` (a muted task's is followed by "(muted)" for screen readers). */
export function taskRow(page: Page, title: string): Locator {
  return page.locator('tr.task-row', { has: page.locator('th.col-title', { hasText: new RegExp(`^${title}(\\s\\(muted\\))?$`) }) });
}

/** Titles of the rows currently in the DOM, top to bottom. */
export function rowTitles(page: Page): Promise<string[]> {
  return page.locator('tr.task-row th.col-title').allTextContents();
}

/** What has keyboard focus: tag, id, data-index and text, enough to say where the user is. */
export function focused(page: Page): Promise<{ tag: string; id: string; index: string | null; text: string }> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as PageGlobals).document.activeElement;
    return {
      tag: element?.tagName ?? '',
      id: element?.id ?? '',
      index: element?.getAttribute('data-index') ?? null,
      text: element?.textContent?.trim().slice(0, 80) ?? '',
    };
  });
}

/** One computed CSS property of the element, as the browser resolved it. */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => (globalThis as unknown as PageGlobals).getComputedStyle(element).getPropertyValue(name), property);
}

/** The relative luminance (0 black .. 1 white) of an element's computed colour property. */
export async function luminance(locator: Locator, property: 'color' | 'background-color'): Promise<number> {
  const value = await computedStyle(locator, property);
  const [r, g, b] = (value.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number).map((channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

interface Box {
  left: number;
  right: number;
  width: number;
}
interface LayoutElement {
  className: string;
  textContent: string | null;
  clientWidth: number;
  scrollWidth: number;
  children: ArrayLike<LayoutElement>;
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
}
interface LayoutGlobals {
  document: { querySelector(selector: string): LayoutElement | null; querySelectorAll(selector: string): ArrayLike<LayoutElement> };
  innerWidth: number;
}

export interface TaskTableLayout {
  viewportWidth: number;
  /** Whether the table scrolls sideways (it must not: columns yield instead). */
  scrollsSideways: boolean;
  headers: string[];
  rows: Array<{
    title: string;
    /** What hovering the task name shows. */
    titleHover: string;
    titleBox: Box;
    /** Cells left to right, with their class. */
    cells: Array<{ className: string } & Box>;
  }>;
}

/** Where the task table's header and every rendered row's cells sit on screen, as Chromium laid them out. */
export function taskTableLayout(page: Page): Promise<TaskTableLayout> {
  return page.evaluate(() => {
    const globals = globalThis as unknown as LayoutGlobals;
    const box = (element: LayoutElement): Box => {
      const { left, right, width } = element.getBoundingClientRect();
      return { left, right, width };
    };
    const scroller = globals.document.querySelector('.scroller')!;
    return {
      viewportWidth: globals.innerWidth,
      scrollsSideways: scroller.scrollWidth > scroller.clientWidth + 1,
      headers: Array.from(globals.document.querySelectorAll('table.tasks thead th'), (th) => th.textContent?.replace(/[▲▼]/g, '').trim() ?? ''),
      rows: Array.from(globals.document.querySelectorAll('tr.task-row'), (row) => {
        const title = Array.from(row.children).find((cell) => cell.className.includes('col-title'))!;
        return {
          title: title.textContent?.trim() ?? '',
          titleHover: title.getAttribute('title') ?? '',
          titleBox: box(title),
          cells: Array.from(row.children, (cell) => ({ className: cell.className, ...box(cell) })),
        };
      }),
    };
  });
}
