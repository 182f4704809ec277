// Window benchmark in real Chromium: first paint, 10,000 tasks, sort, search, scroll, and a 10,000-run
// history, against the real service polling a simulated portal (in a process of its own) through the bridge.
// Run after a build:  npx electron-vite build && node test/renderer/ui-bench.mjs [--tasks N] [--runs N]
// It loads the TypeScript fixture through Vite's module runner (the transform Vitest uses).
import { fork } from 'node:child_process';
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

/** The simulated portal in a process of its own, as a real portal is: its answers are not built on the service's event loop. */
async function startPortalProcess() {
  const child = fork(resolve(import.meta.dirname, 'large-portal-process.mjs'), [String(taskCount), String(runCount)]);
  const reply = () => new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', () => reject(new Error('the simulated portal ended')));
  });
  const { baseUrl } = await reply();
  return {
    baseUrl,
    addRuns: (taskId, runs) => (child.send({ addRuns: [taskId, runs] }), reply()),
    close: () => new Promise((resolve) => (child.once('exit', resolve), child.send('stop'))),
  };
}

/** After the setup poll, the service saves the 10,000 tasks' state and pushes a snapshot: the window opens after that. */
const SETTLE_MS = 2_000;

const started = performance.now();
const large = await fixture.startLargeWindow(taskCount, runCount, await startPortalProcess());
record(`setup: service polls ${taskCount} tasks (not UI)`, ms(performance.now() - started));
const { page } = large.window;

try {
  const total = taskCount.toLocaleString('en-US');
  // Checked every animation frame: the time is taken in the first frame that shows the table.
  const tasksOnScreen = async () => {
    await page.goto(large.window.bridge.url);
    return page
      .waitForFunction((text) => document.body.textContent.includes(text) && performance.now(), `${total} of ${total} tasks`, { polling: 'raf', timeout: 120_000 })
      .then((handle) => handle.jsonValue());
  };
  // The window opened while the service is idle (as most of the time: a poll of this portal takes ~0.1 s a minute);
  // the same right after a poll is measured at the end.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const tableReady = await tasksOnScreen();
  // When the answer had fully arrived: what comes before is the service and the transfer, what comes after is the window's.
  const answered = (command) =>
    page.evaluate((name) => {
      const entry = performance.getEntriesByType('resource').findLast((resource) => resource.name.endsWith(`/api/${name}`));
      return entry
        ? { asked: entry.requestStart, firstByte: entry.responseStart, at: entry.responseEnd, bytes: entry.encodedBodySize }
        : { asked: NaN, firstByte: NaN, at: NaN, bytes: NaN };
    }, command);
  const snapshot = await answered('getSnapshot');
  /** When the window had the answer parsed and checked against the contract (a User Timing mark it sets). */
  const accepted = (mark) => page.evaluate((name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN, mark);
  const snapshotAccepted = await accepted('taskwatch:snapshot');
  const paint = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    rows: document.querySelectorAll('tr.task-row').length,
  }));
  record('first contentful paint', ms(paint.firstPaint));
  record(`snapshot answered (service + transfer, ${(snapshot.bytes / 1_048_576).toFixed(1)} MiB; not UI)`, ms(snapshot.at));
  record('  of which the service (asked -> first byte)', ms(snapshot.firstByte - snapshot.asked));
  record(`${total} tasks on screen (from navigation, service idle)`, ms(tableReady));
  record(`${total} tasks: answer -> on screen (the window's part)`, ms(tableReady - snapshot.at));
  const snapshotParsed = await accepted('taskwatch:parsed:getSnapshot');
  record('  of which JSON parse', ms(snapshotParsed - snapshot.at));
  record('  of which contract check and decoding (zod)', ms(snapshotAccepted - snapshotParsed));
  record(`  of which drawing ${total} tasks`, ms(tableReady - snapshotAccepted));
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

  const asked = await page.evaluate(() => performance.now());
  large.window.navigate(large.longHistory);
  const historyReady = await page
    .waitForFunction(
      (text) => document.getElementById('history-title')?.textContent.includes(text) && document.querySelector('.timeline .summary') && performance.now(),
      `(${runCount} runs)`,
      { polling: 'raf', timeout: 120_000 },
    )
    .then((handle) => handle.jsonValue());
  const history = await answered('getRunHistory');
  record(`${runCount}-run history: fetch + render`, ms(historyReady - asked));
  record(`  of which the service (asked -> first byte, ${(history.bytes / 1_048_576).toFixed(1)} MiB)`, ms(history.firstByte - history.asked));
  record(`${runCount}-run history: answer -> on screen (the window's part)`, ms(historyReady - history.at));
  const historyAccepted = await accepted('taskwatch:run-history');
  const historyParsed = await accepted('taskwatch:parsed:getRunHistory');
  record('  of which JSON parse', ms(historyParsed - history.at));
  record('  of which contract check and decoding (zod)', ms(historyAccepted - historyParsed));
  record(`  of which drawing table and picture`, ms(historyReady - historyAccepted));
  await timed(`history picture: show all ${runCount} runs`, `[...document.querySelectorAll('.timeline button')].find((b) => b.textContent === 'All').click()`);
  await timed('history: jump-scroll to the oldest run', `(() => { const s = document.querySelector('.history'); s.scrollTop = s.scrollHeight; })()`);
  const historyDom = await page.evaluate(() => ({
    rows: document.querySelectorAll('.history tbody tr:not(.pad)').length,
    shapes: document.querySelectorAll('.timeline svg rect, .timeline svg path').length,
  }));
  record('history rows in the DOM', String(historyDom.rows));
  record('history picture shapes in the DOM', String(historyDom.shapes));

  // Back to the table; a new run arrives and is polled (not measured); then the same task is opened again.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('history-title'));
  await large.sim.addRuns(large.longHistory.taskId, [{ status: 'succeeded', result: 'Backup after reopening', startedAt: Date.now() - 60_000 }]);
  await large.window.service.pollOnce();
  await new Promise((resolve) => setTimeout(resolve, 500)); // the snapshot push reaches the window
  const reopened = await page.evaluate(() => performance.now());
  large.window.navigate(large.longHistory);
  const reopenReady = await page
    .waitForFunction(
      (text) => document.getElementById('history-title')?.textContent.includes(text) && document.querySelector('.history')?.textContent.includes('Backup after reopening') && performance.now(),
      `(${runCount}+ runs)`,
      { polling: 'raf', timeout: 120_000 },
    )
    .then((handle) => handle.jsonValue());
  const reread = await answered('getRunHistory');
  record(`history reopened after a new run: fetch + render`, ms(reopenReady - reopened));
  record('  of which the service (asked -> first byte)', ms(reread.firstByte - reread.asked));

  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
  record('renderer JS heap', `${Math.round(heap / 1_048_576)} MiB`);

  // The window opened again the moment a poll of all the tasks ended (the service still saving and pushing).
  await page.goto('about:blank'); // a fresh page load, not a same-document hash change
  await large.window.service.pollOnce();
  record(`${total} tasks on screen (from navigation, right after a poll)`, ms(await tasksOnScreen()));
} finally {
  await large.close();
}
