import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWindow, type DemoWindow } from './demo-window';
import { waitUntil } from './page-helpers';

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
    // Five hours of silence at the end of a two-day picture: every mark sits in its last six hours (the
    // first missed run is up to five hours old, depending on the minute the test runs; a mark is a few px wide).
    for (const x of marks) expect(x).toBeGreaterThan(width * (1 - 6 / 48));

    await page.getByRole('group', { name: 'Period shown' }).getByRole('button', { name: '7 days' }).click();
    expect(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.timeline .summary').textContent()).toContain(`${missed} expected by the schedule but never run`);
  });
});

describe('what Taskwatch had to doubt about a task', () => {
  it('is listed in the task detail and on hovering the task name', async () => {
    const page = demo.window.page;
    const task = demo.window.service.snapshot().tasks.find((candidate) => candidate.title === 'dailyBackup')!;
    const testPortal = demo.sims[2]!;
    testPortal.addRuns(task.id, [{ startedAt: Date.now() - 2_000, durationMs: 1_000, status: 'succeeded', result: 'Backup created.', runId: null }]); // the newest start, whatever the hour
    await demo.window.service.pollOnce();
    await demo.window.service.pollOnce();
    await page.keyboard.press('Escape');
    const row = page.locator('tr.task-row', { hasText: 'dailyBackup' });
    await waitUntil('the note reaches the window', async () => ((await row.locator('th').getAttribute('title')) ?? '').includes('without a runId'));
    await row.click();
    const notes = page.getByRole('note', { name: 'What Taskwatch could not read or had to doubt' });
    expect(await notes.textContent()).toContain('without a runId');
  });
});
