import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { focused, rowTitles, waitUntil } from './page-helpers';
import { LONG_HISTORY_TITLE, startLargeWindow, type LargeWindow } from './scale-fixture';

const TASKS = 10_000;
const RUNS = 10_000;
let large: LargeWindow;

beforeAll(async () => {
  large = await startLargeWindow(TASKS, RUNS);
  await large.window.load();
}, 120_000);

afterAll(async () => {
  await large?.close();
});

describe('the window with 10,000 tasks and a 10,000-run history', () => {
  it('lists every task while keeping only the visible rows in the DOM', async () => {
    const page = large.window.page;
    await page.getByText(`${TASKS.toLocaleString('en-US')} of ${TASKS.toLocaleString('en-US')} tasks`).waitFor({ timeout: 30_000 });
    expect(await page.locator('table.tasks').getAttribute('aria-rowcount')).toBe(String(TASKS + 1));
    expect(await page.locator('tr.task-row').count()).toBeLessThan(80);

    // The failed ones (every 50th) sort first; the end of the list is reachable from the keyboard.
    expect((await page.locator('tr.task-row').first().locator('.col-health').textContent())?.trim()).toBe('Failed');
    await page.locator('tr.task-row').first().focus();
    await page.keyboard.press('End');
    expect(await focused(page)).toMatchObject({ tag: 'TR', index: String(TASKS - 1) });
    expect(await page.locator('tr.task-row:focus').getAttribute('aria-rowindex')).toBe(String(TASKS + 1));
    expect(await page.locator('tr.task-row').count()).toBeLessThan(80);
  });

  it('sorts and searches all 10,000 tasks', async () => {
    const page = large.window.page;
    await page.locator('th', { has: page.getByRole('button', { name: 'Task' }) }).getByRole('button').click();
    await waitUntil('the first row is the alphabetically first title', async () => (await rowTitles(page))[0] === LONG_HISTORY_TITLE);
    await page.locator('#task-search').fill('task 09999');
    await waitUntil('one match', async () => (await rowTitles(page)).join() === 'task 09999 SomethingNew');
    await page.locator('#task-search').fill('');
  });

  it('shows a 10,000-run history, virtualised, down to the oldest run', async () => {
    const page = large.window.page;
    large.window.navigate(large.longHistory);
    await page.getByText(`(${RUNS} runs)`).waitFor({ timeout: 60_000 });
    const rows = page.locator('.history tbody tr:not(.pad)');
    expect(await rows.count()).toBeLessThan(80);
    // The picture folds runs into columns a few pixels wide: its shapes do not grow with the history.
    await page.getByRole('group', { name: 'Period shown' }).getByRole('button', { name: 'All' }).click();
    expect(await page.locator('.timeline .summary').textContent()).toContain(`${RUNS} runs`);
    expect(await page.locator('.timeline svg rect, .timeline svg path').count()).toBeLessThan(2_000);
    await page.locator('.history').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await waitUntil('the oldest run is on screen', async () => (await rows.last().textContent())?.includes(`Backup ${RUNS - 1} created.`) ?? false);
    expect(await rows.last().getAttribute('aria-rowindex')).toBe(String(RUNS + 1));
  });
});
