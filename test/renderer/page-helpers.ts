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

/** The task table's row whose title is exactly `title`. */
export function taskRow(page: Page, title: string): Locator {
  return page.locator('tr.task-row', { has: page.locator('th.col-title', { hasText: new RegExp(`^${title}$`) }) });
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
