/**
 * axe-core in the page under test: its source is evaluated over the DevTools protocol (the window's
 * content security policy rightly refuses inline scripts), then `axe.run` checks the whole document.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements and what axe says about each. */
  nodes: string[];
}

/**
 * WCAG 2.x A/AA, best practices, and the experimental rules too: `label-content-name-mismatch` (a button
 * whose accessible name does not contain its visible words) is one of them.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(await axeSource);
  return page.evaluate(`(async () => {
    const { violations } = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'] },
    });
    return violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) }));
  })()`);
}
