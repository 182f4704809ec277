// Window benchmark in real Chromium: first paint, 10,000 tasks, sort, search, scroll, and a 10,000-run
// history, against the real service polling a simulated portal through the bridge.
// Run after a build:  npx electron-vite build && node test/renderer/ui-bench.mjs [--tasks N] [--runs N]
// It loads the TypeScript fixture through Vite's module runner (the transform Vitest uses).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '10000' }, runs: { type: 'string', default: '10000' } } });
const taskCount = Number(values.tasks);
const runCount = Number(values.runs);
const root = resolve(import.meta.dirname, '../..');
const { module: fixture } = await runnerImport(resolve(import.meta.dirname, 'scale-fixture.ts'), { root, configFile: false, logLevel: 'silent' });

const ms = (value) => `${Math.round(value)} ms`;
const results = [];
const record = (what, value) => {
  results.push([what, value]);
  console.log(`${what.padEnd(44)} ${value}`);
};

let started = performance.now();
const large = await fixture.startLargeWindow(taskCount, runCount);
record(`setup: service polls ${taskCount} tasks (not UI)`, ms(performance.now() - started));
const { page } = large.window;

try {
  const total = taskCount.toLocaleString('en-US');
  await page.goto(large.window.bridge.url);
  await page.waitForFunction((text) => document.body.textContent.includes(text), `${total} of ${total} tasks`, { polling: 'raf', timeout: 120_000 });
  const paint = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    tableReady: performance.now(),
    rows: document.querySelectorAll('tr.task-row').length,
  }));
  record('first contentful paint', ms(paint.firstPaint));
  record(`${total} tasks on screen (from navigation)`, ms(paint.tableReady));
  record('task rows in the DOM', String(paint.rows));

  // Each in-page measurement: act, then wait two animation frames (the frame that paints the change).
  const frame = `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`;
  const timed = (label, action) =>
    page.evaluate(`(async () => { const t0 = performance.now(); ${action}; await ${frame}; return performance.now() - t0; })()`).then((t) => record(label, ms(t)));

  await timed('sort by title', `[...document.querySelectorAll('th button')].find((b) => b.textContent.startsWith('Task')).click()`);
  await timed('sort again (descending)', `[...document.querySelectorAll('th button')].find((b) => b.textContent.startsWith('Task')).click()`);
  await timed('type a search (all tasks scanned)', `(() => { const s = document.getElementById('task-search'); s.value = 'task 0777'; s.dispatchEvent(new Event('input', { bubbles: true })); })()`);
  await timed('clear the search', `(() => { const s = document.getElementById('task-search'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true })); })()`);
  await timed('jump-scroll to the middle', `(() => { const s = document.querySelector('.scroller'); s.scrollTop = s.scrollHeight / 2; })()`);
  await timed('jump-scroll to the end', `(() => { const s = document.querySelector('.scroller'); s.scrollTop = s.scrollHeight; })()`);

  started = performance.now();
  large.window.navigate(large.longHistory);
  await page.getByText(`(${runCount} runs)`).waitFor({ timeout: 120_000 });
  record(`${runCount}-run history: fetch + render`, ms(performance.now() - started));
  await timed('history: jump-scroll to the oldest run', `(() => { const s = document.querySelector('.history'); s.scrollTop = s.scrollHeight; })()`);
  const historyRows = await page.evaluate(() => document.querySelectorAll('.history tbody tr:not(.pad)').length);
  record('history rows in the DOM', String(historyRows));
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
  record('renderer JS heap', `${Math.round(heap / 1_048_576)} MiB`);
} finally {
  await large.close();
}
