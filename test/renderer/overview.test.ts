import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowTitles, waitUntil } from './page-helpers';
import { startDemoWindow, type DemoWindow } from './demo-window';

let demo: DemoWindow;

beforeAll(async () => {
  demo = await startDemoWindow();
});

afterAll(async () => {
  await demo?.close();
});

const tileTexts = () => demo.window.page.locator('.overview li').allTextContents();

describe('the overview of portals that need a look', () => {
  it('comes first in the task view, naming each troubled portal with its problem counts, worst first', async () => {
    const page = demo.window.page;
    const overview = page.getByRole('region', { name: /Needs a look/ });
    await overview.waitFor();
    // It sits above the task table.
    expect((await overview.boundingBox())!.y).toBeLessThan((await page.locator('table.tasks').boundingBox())!.y);
    expect(await overview.getByRole('heading').textContent()).toContain('2 of 3 portals; 1 without problems');
    const tiles = await tileTexts();
    expect(tiles).toHaveLength(2);
    // A failed task outranks an overdue one.
    expect(tiles[0]).toMatch(/Enterprise on Kubernetes.*OK.*1 failed/);
    expect(tiles[1]).toMatch(/Test portal.*OK.*1 overdue/);
  });

  it('shows just the problem tasks of a portal picked from it', async () => {
    const page = demo.window.page;
    await page.locator('.overview').getByRole('button', { name: 'Test portal' }).click();
    await waitUntil('only the overdue task is listed', async () => (await rowTitles(page)).length === 1);
    expect((await rowTitles(page))[0]).toMatch(/^gpCleanerTask/);
    expect(await page.getByLabel('Only problems').isChecked()).toBe(true);
    await page.getByLabel('Only problems').uncheck();
    await page.getByLabel('Portal', { exact: true }).selectOption('');
  });

  it('puts a portal that cannot be reached first, with its connection problem', async () => {
    const production = demo.sims[0]!;
    production.failAlways(() => true, 'reset');
    await demo.window.service.pollOnce();
    await waitUntil('three portals need a look', async () => (await tileTexts()).length === 3);
    expect((await tileTexts())[0]).toMatch(/Production portal.*Unreachable/);
    production.clearFailures();
  });
});
