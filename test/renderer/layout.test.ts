import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskTableLayout, waitUntil } from './page-helpers';
import { startDemoWindow, type DemoWindow } from './demo-window';

let demo: DemoWindow;

beforeAll(async () => {
  demo = await startDemoWindow({ viewport: { width: 1400, height: 860 } });
});

afterAll(async () => {
  await demo?.close();
});

// The narrowest window Taskwatch supports, a laptop, a desktop and a large monitor.
describe.each([800, 1024, 1400, 2560])('the task table in a %i px wide window', (width) => {
  it('shows every task name in full width, with no cell overlapping another and no sideways scrolling', async () => {
    const page = demo.window.page;
    await page.setViewportSize({ width, height: 860 });
    await waitUntil('the table is laid out at this width', async () => (await taskTableLayout(page)).viewportWidth === width);
    await waitUntil('the columns are fitted', async () => {
      const { rows } = await taskTableLayout(page);
      return rows.length > 0 && rows.every((row) => row.cells.at(-1)!.right <= width + 0.5);
    });
    const layout = await taskTableLayout(page);

    expect(layout.rows).toHaveLength(demo.window.service.snapshot().tasks.length);
    expect(layout.scrollsSideways).toBe(false);
    expect(layout.headers).toContain('Task');
    for (const row of layout.rows) {
      expect(row.title.length).toBeGreaterThan(0);
      // The name's cell is on screen and wide enough for a name (13 rem at the 14 px root size).
      expect(row.titleBox.left).toBeGreaterThanOrEqual(0);
      expect(row.titleBox.right).toBeLessThanOrEqual(width);
      expect(row.titleBox.width).toBeGreaterThanOrEqual(13 * 14 - 1);
      // Hovering shows the whole name; where the portal column yielded, the portal follows the name.
      expect(row.title.startsWith(row.titleHover.split('\n')[0]!)).toBe(true);
      for (const [index, cell] of row.cells.entries()) {
        expect(cell.width, `${cell.className} has room`).toBeGreaterThan(30);
        if (index > 0) expect(cell.left, `${cell.className} starts after its neighbour`).toBeGreaterThanOrEqual(row.cells[index - 1]!.right - 0.5);
      }
    }
  });
});

describe('columns yielding by priority', () => {
  it('keeps status, name and last run in a narrow window, and shows every column on a wide one', async () => {
    const page = demo.window.page;
    await page.setViewportSize({ width: 800, height: 860 });
    await waitUntil('the narrow columns', async () => !(await taskTableLayout(page)).headers.includes('Recent runs'));
    const narrow = (await taskTableLayout(page)).headers;
    expect(narrow).toEqual(expect.arrayContaining(['Status', 'Task', 'Last run']));
    expect(narrow).not.toContain('Type');
    // Without its column, the portal follows each task name (two portals may have tasks of one name).
    for (const row of (await taskTableLayout(page)).rows) expect(row.title).toMatch(/ · (Production portal|Enterprise on Kubernetes|Test portal)$/);

    await page.setViewportSize({ width: 2560, height: 860 });
    await waitUntil('every column', async () => (await taskTableLayout(page)).headers.length === 9);
    expect((await taskTableLayout(page)).headers).toEqual(['Status', 'Portal', 'Task', 'Type', 'State', 'Schedule', 'Next run', 'Last run', 'Recent runs']);
  });
});
