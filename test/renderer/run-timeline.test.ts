import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWindow, type DemoWindow } from './demo-window';

let demo: DemoWindow;

beforeAll(async () => {
  demo = await startDemoWindow();
});

afterAll(async () => {
  await demo?.close();
});

describe('the run-history picture of a task that stopped running', () => {
  it('marks the runs its schedule expected that never happened, at the end of the timeline, and says so in words', async () => {
    const page = demo.window.page;
    // The demo's test portal has an hourly cleaner whose scheduler stalled five hours ago.
    await page.locator('tr.task-row', { hasText: 'gpCleanerTask' }).filter({ hasText: 'Overdue' }).click();
    await page.locator('#history-title').getByText(/\(\d+ runs\)/).waitFor();
    const picture = page.getByRole('img', { name: 'Run outcomes over time' });
    const summary = await page.locator('.timeline .summary').textContent();
    const missed = Number(/(\d+) expected by the schedule but never run/.exec(summary ?? '')?.[1]);
    expect(missed).toBeGreaterThanOrEqual(4);
    expect(missed).toBeLessThanOrEqual(5);

    const width = (await picture.boundingBox())!.width;
    const marks = await picture.locator('path.missed').evaluateAll((paths) => paths.map((path) => (path as unknown as { getBBox(): { x: number } }).getBBox().x));
    expect(marks.length).toBeGreaterThan(0);
    // Five hours of silence at the end of a two-day picture: every mark sits in its last tenth.
    for (const x of marks) expect(x).toBeGreaterThan(width * 0.9);

    await page.getByRole('group', { name: 'Period shown' }).getByRole('button', { name: '7 days' }).click();
    expect(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.timeline .summary').textContent()).toContain(`${missed} expected by the schedule but never run`);
  });
});
