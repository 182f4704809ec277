import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src-main/adapters/keytar-secrets';
import { demoScenarios, startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim';
import { computedStyle, focused, luminance, rowTitles, taskRow, waitUntil } from './page-helpers';
import { startWindow, type WindowHarness } from './window-harness';

// Runs under test/support/desktop-session.sh: passwords go to a real (scratch) GNOME Keyring through
// keytar, under a service name of its own so nothing here can touch the app's items.
const secrets = new KeytarSecretStore({ service: 'taskwatch-ui-test' });
const production = demoScenarios()[0]!;
const idOf = (title: string) => production.tasks.find((task) => task.title === title)!.id;
let sim: SimulatedPortal;
let window: WindowHarness;
let portalId = '';

beforeAll(async () => {
  sim = await startSimulatedPortal({ host: '127.0.0.1', tasks: production });
  window = await startWindow({ secrets });
});

afterAll(async () => {
  await window?.close();
  await sim?.close();
  if (portalId) await secrets.delete(portalId);
});

describe('the Taskwatch window against the real service and a simulated portal', () => {
  it('greets a newcomer with what Taskwatch does and how to start', async () => {
    await window.load();
    const page = window.page;
    await page.getByRole('heading', { name: "Watch your portals' scheduled tasks" }).waitFor();
    // The bridge token arrived in the URL fragment and is gone from the address bar at once.
    expect(page.url()).not.toContain('bridge=');
    expect(await page.getByRole('button', { name: 'Add a portal' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toContain('npm run demo');
    await window.screenshot('empty-state');
  });

  it('adds a portal through the form: field errors first, a connection test, then its tasks', async () => {
    const page = window.page;
    await page.getByRole('button', { name: 'Add a portal' }).click();
    expect((await focused(page)).id).toBe('pf-url');

    await page.getByRole('button', { name: 'Add portal' }).click();
    expect(await page.locator('#pf-url-error').textContent()).toContain('Enter the portal URL');
    expect(await page.locator('#pf-user-error').textContent()).toContain('user name');
    expect(await page.locator('#pf-password-error').textContent()).toContain('Enter the password');
    expect(await page.locator('#pf-url').getAttribute('aria-describedby')).toContain('pf-url-error');
    await page.locator('#pf-url').fill('http://gis.example.com/portal');
    await page.getByRole('button', { name: 'Add portal' }).click();
    expect(await page.locator('#pf-url-error').textContent()).toContain('Use https://');
    expect(window.service.snapshot().portals).toHaveLength(0);

    await page.locator('#pf-url').fill(sim.baseUrl);
    await page.locator('#pf-label').fill('Production');
    await page.locator('#pf-user').fill('admin');
    await page.locator('#pf-zone').fill(production.timeZone);
    await page.locator('#pf-password').fill('not-the-password');
    expect(await page.locator('#pf-password').getAttribute('type')).toBe('password');
    expect(await page.locator('#pf-password').getAttribute('autocomplete')).toBe('off');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const testError = page.locator('.portal-form .note.error');
    await testError.waitFor();
    expect(await testError.textContent()).toMatch(/Could not do that: .+/);
    expect(await testError.textContent()).not.toContain('not-the-password');

    await page.locator('#pf-password').fill('admin-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected: the portal lists 3 tasks.').waitFor();
    await window.screenshot('portal-form');

    await page.getByRole('button', { name: 'Add portal' }).click();
    await page.getByRole('heading', { name: 'Production', level: 3 }).waitFor();
    portalId = window.service.snapshot().portals[0]!.id;
    expect(await secrets.get(portalId)).toBe('admin-password');
    await waitUntil('the first poll is shown', async () => (await page.locator('.portal-card').textContent())?.includes('OK') ?? false);
    await window.screenshot('portals');

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Tasks/ }).click();
    await waitUntil('three task rows', async () => (await rowTitles(page)).length === 3);
    expect((await rowTitles(page)).sort()).toEqual(['backupRetentionCleanerTask', 'gpCleanerTask', 'weeklyBackup']);
    expect(await page.content()).not.toContain('admin-password');
  });

  it('edits a portal: the form starts filled in, and a blank password keeps the saved one', async () => {
    const page = window.page;
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Portals' }).click();
    await page.getByRole('button', { name: 'Edit Production' }).click();
    expect(await page.locator('#pf-url').inputValue()).toBe(sim.baseUrl);
    expect(await page.locator('#pf-zone').inputValue()).toBe(production.timeZone);
    expect(await page.locator('#pf-password').inputValue()).toBe('');
    expect(await page.locator('#pf-password-hint').textContent()).toContain('Leave empty to keep the saved password');
    await page.locator('#pf-label').fill('Production (main)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Production (main)', level: 3 }).waitFor();
    expect(await secrets.get(portalId)).toBe('admin-password');

    await page.getByRole('button', { name: 'Edit Production (main)' }).click();
    await page.locator('#pf-label').fill('Production');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Production', level: 3 }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Tasks/ }).click();
    await page.locator('.tasks').waitFor();
  });

  it('turns a row to Failed, in words and with an icon, when a run fails on the portal', async () => {
    const page = window.page;
    const row = taskRow(page, 'gpCleanerTask');
    expect(await row.locator('.col-health').textContent()).not.toContain('Failed');

    sim.startRun(idOf('gpCleanerTask'));
    sim.completeRun(idOf('gpCleanerTask'), { status: 'failed', result: 'Cleanup failed: the jobs directory is full.' });
    await window.service.handlers.pollNow({});

    await waitUntil('the row says Failed', async () => (await row.locator('.col-health').textContent())?.includes('Failed') ?? false);
    expect(await row.locator('.col-health svg').count()).toBe(1);
    expect(await row.locator('.col-schedule').getAttribute('title')).toContain('cron: 0 0 * * * ?');
    // Times name their zone and say how long ago; the portal's own clock is on hover where its zone differs.
    const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(await row.locator('.col-lastRun').textContent()).toMatch(/\d:\d\d.*\S\s+\((\d+ \w+ ago|just now)\)/);
    if (localZone !== production.timeZone) {
      expect(await row.locator('.col-nextRun .stamp').getAttribute('title')).toContain(`on the portal's clock (${production.timeZone})`);
    }
    expect(await computedStyle(row, 'font-weight')).toBe('700');
    expect(await row.getAttribute('class')).toContain('problem');
    expect(await page.locator('.summary').textContent()).toContain('1 failed');
    // Problems sort first by default: the failed task is now the top row.
    expect((await rowTitles(page))[0]).toBe('gpCleanerTask');
    await window.screenshot('task-table-light');
  });

  it('opens a task with its header, parameters and full run history, and exports it', async () => {
    const page = window.page;
    await taskRow(page, 'gpCleanerTask').click();
    await page.getByRole('heading', { name: 'gpCleanerTask', level: 2 }).waitFor();
    expect(await page.locator('.crumbs').textContent()).toContain('Production');
    expect(await page.locator('.detail-header .health').textContent()).toContain('Failed');

    const history = await window.service.handlers.getRunHistory({ portalId, taskId: idOf('gpCleanerTask') });
    await waitUntil('the history is loaded', async () => (await page.locator('#history-title').textContent())?.includes(`(${history.runs.length} runs)`) ?? false);
    const firstRun = page.locator('.history tbody tr:not(.pad)').first();
    expect(await firstRun.textContent()).toContain('Failed');
    expect(await firstRun.textContent()).toContain('Cleanup failed: the jobs directory is full.');
    // Virtualised: far fewer rows in the DOM than runs in the history.
    expect(history.runs.length).toBeGreaterThan(60);
    expect(await page.locator('.history tbody tr:not(.pad)').count()).toBeLessThan(60);
    // The picture of runs over time, with its sentence for those who cannot see it.
    const picture = page.getByRole('img', { name: 'Run outcomes over time' });
    expect(await picture.isVisible()).toBe(true);
    expect(await picture.locator('rect.failure').count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline .summary').textContent()).toMatch(/\d+ runs, [1-9]\d* failed, \d+ skipped, \d+ expected by the schedule but never run/);
    await window.screenshot('task-detail-light');

    await page.getByRole('group', { name: 'Export run history' }).getByRole('button', { name: 'CSV' }).click();
    await page.getByText(/Saved .+\.csv$/).waitFor();
    const [csv] = [...window.exports.values()];
    expect(csv).toContain('Cleanup failed: the jobs directory is full.');

    await page.getByRole('button', { name: 'Open in portal admin ↗' }).click();
    await waitUntil('the admin page was opened', () => window.opened.length === 1);
    expect(window.opened[0]).toContain(idOf('gpCleanerTask'));
  });

  it('disables a task only after a confirmation that names the task and the portal', async () => {
    const page = window.page;
    const disable = page.getByRole('button', { name: 'Disable task…' });
    await disable.click();
    const dialog = page.getByRole('dialog', { name: "Disable 'gpCleanerTask' on Production?" });
    await dialog.waitFor();
    await window.screenshot('confirm-disable');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await focused(page)).text).toBe('Disable task…');
    expect(sim.countRequests((entry) => entry.method === 'POST' && entry.path.endsWith('/disable'))).toBe(0);

    await disable.click();
    await dialog.getByRole('button', { name: 'Disable task' }).click();
    await page.getByRole('button', { name: 'Enable task…' }).waitFor();
    expect(sim.countRequests((entry) => entry.method === 'POST' && entry.path.endsWith(`/${idOf('gpCleanerTask')}/disable`))).toBe(1);
    await waitUntil('the header shows it paused', async () => (await page.locator('.facts').textContent())?.includes('paused') ?? false);
  });

  it('follows a navigate push (a notification click) to the task', async () => {
    window.navigate({ portalId, taskId: idOf('weeklyBackup') });
    await window.page.getByRole('heading', { name: 'weeklyBackup', level: 2 }).waitFor();
  });

  it('works from the keyboard: / to search, arrows between rows, Enter to open, Escape to close', async () => {
    const page = window.page;
    await page.keyboard.press('Escape');
    await page.locator('.tasks').waitFor();
    await page.keyboard.press('/');
    expect((await focused(page)).id).toBe('task-search');

    for (let presses = 0; presses < 25 && (await focused(page)).tag !== 'TR'; presses++) await page.keyboard.press('Tab');
    // Tab lands on the row the cursor was left on (weeklyBackup, opened from the notification above).
    expect(await focused(page)).toMatchObject({ tag: 'TR', index: String((await rowTitles(page)).indexOf('weeklyBackup')) });
    await page.keyboard.press('Home');
    expect((await focused(page)).index).toBe('0');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).index).toBe('1');
    await page.keyboard.press('End');
    expect((await focused(page)).index).toBe('2');
    await page.keyboard.press('Home');
    expect((await focused(page)).index).toBe('0');
    await page.keyboard.press('ArrowDown');

    const title = (await rowTitles(page))[1]!;
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title, level: 2 }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.tasks').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'TR', index: '1' });
  });

  it('searches titles, types and results, and sorts by any column with aria-sort', async () => {
    const page = window.page;
    await page.locator('#task-search').fill('backup');
    await waitUntil('two backup tasks', async () => (await rowTitles(page)).length === 2);
    expect((await rowTitles(page)).sort()).toEqual(['backupRetentionCleanerTask', 'weeklyBackup']);
    await page.locator('#task-search').fill('jobs directory is full');
    await waitUntil('the failed run is found by its result', async () => (await rowTitles(page)).join() === 'gpCleanerTask');
    await page.locator('#task-search').fill('');

    const taskHeader = page.locator('th', { has: page.getByRole('button', { name: 'Task' }) });
    await taskHeader.getByRole('button').click();
    expect(await taskHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await rowTitles(page)).toEqual(['backupRetentionCleanerTask', 'gpCleanerTask', 'weeklyBackup']);
    await taskHeader.getByRole('button').click();
    expect(await taskHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await rowTitles(page)).toEqual(['weeklyBackup', 'gpCleanerTask', 'backupRetentionCleanerTask']);
    // Every other column on show says it is not the sort (at 1400 px, Type and State yield their room).
    expect(await page.locator('th[aria-sort]').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('th[aria-sort="none"]').count()).toBe((await page.locator('th[aria-sort]').count()) - 1);

    const problems = window.service
      .snapshot()
      .tasks.filter((task) => ['failed', 'overdue', 'stuck'].includes(task.health))
      .map((task) => task.title);
    expect(problems.length).toBeLessThan(3);
    await page.getByLabel('Only problems').check();
    await waitUntil('only problem tasks are left', async () => (await rowTitles(page)).length === problems.length);
    expect((await rowTitles(page)).sort()).toEqual(problems.sort());
    await page.getByLabel('Only problems').uncheck();
  });

  it('follows the OS into dark mode with light text on a dark background', async () => {
    const page = window.page;
    expect(await luminance(page.locator('body'), 'background-color')).toBeGreaterThan(0.8);
    await window.chromium.setColorScheme('dark');
    expect(await luminance(page.locator('body'), 'background-color')).toBeLessThan(0.02);
    expect(await luminance(page.locator('body'), 'color')).toBeGreaterThan(0.7);
    await page.locator('#task-search').fill('');
    await window.screenshot('task-table-dark');
    await taskRow(page, 'gpCleanerTask').click();
    await page.getByRole('heading', { name: 'gpCleanerTask', level: 2 }).waitFor();
    await window.screenshot('task-detail-dark');
    await page.keyboard.press('Escape');
    await window.chromium.setColorScheme('light');
  });

  it('puts a banner across the top naming a portal that cannot be reached, linking to Portals', async () => {
    const page = window.page;
    sim.failNext(() => true, 'reset', 1_000);
    await window.service.handlers.pollNow({ portalId });
    const banner = page.getByRole('region', { name: 'Portal problems' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Unreachable: Production');
    await window.screenshot('banner-unreachable');
    await banner.getByRole('button', { name: 'Open Portals to fix' }).click();
    await page.getByRole('heading', { name: 'Portals', level: 2 }).waitFor();
    expect(await page.locator('.portal-card').textContent()).toContain('Unreachable');
  });

  it('changes settings with field checks, and pauses and resumes notifications', async () => {
    const page = window.page;
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    const interval = page.getByLabel('Check portals every (seconds)');
    await interval.fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.locator('#set-poll-error').textContent()).toContain('Between 10 and 86400 seconds');
    expect(window.service.snapshot().settings.pollIntervalSeconds).toBe(60);

    await interval.fill('300');
    await page.getByLabel('A task recovered after failing').check();
    await page.getByLabel('Hold notifications back during quiet hours').check();
    await page.getByLabel('Remind me of a problem still open').selectOption({ label: 'Every 4 hours' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const saved = window.service.snapshot().settings;
    expect(saved).toMatchObject({ pollIntervalSeconds: 300, notify: { recovered: true }, quietHours: { enabled: true, start: '22:00', end: '07:00' }, remindEveryHours: 4 });

    expect(await page.locator('legend', { hasText: 'Quiet hours' }).textContent()).toContain(`(this computer's clock, ${Intl.DateTimeFormat().resolvedOptions().timeZone})`);
    await page.getByRole('button', { name: 'Pause for 1 hour' }).click();
    await page.getByText(/Paused until/).waitFor();
    const pausedUntil = window.service.snapshot().settings.notificationsPausedUntil;
    expect(pausedUntil).toBeGreaterThan(Date.now());
    // A pause that ends today says its time; one that ends on another day (paused after 23:00) its date too.
    const endsToday = new Date(pausedUntil!).toDateString() === new Date().toDateString();
    expect(await page.getByText(/Paused until/).textContent()).toMatch(endsToday ? /Paused until \d{1,2}:\d\d.* \S+$/ : /Paused until [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d.* \S+$/);
    // Saving other settings leaves the pause alone.
    await page.getByLabel('A task recovered after failing').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(window.service.snapshot().settings).toMatchObject({ notify: { recovered: false }, notificationsPausedUntil: pausedUntil, remindEveryHours: 4 });
    await window.screenshot('settings');
    await page.getByRole('button', { name: 'Resume notifications' }).click();
    await page.getByText('Notifications are on.').waitFor();
    expect(window.service.snapshot().settings.notificationsPausedUntil).toBeNull();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Portals' }).click();
  });

  it('removes a portal after a confirmation that says its keychain entry goes too', async () => {
    const page = window.page;
    await page.getByRole('button', { name: 'Remove Production' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Production?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('deletes its saved password from the system keychain');
    await dialog.getByRole('button', { name: 'Remove portal' }).click();
    await page.getByText('No portals yet.').waitFor();
    expect(await secrets.get(portalId)).toBeNull();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Tasks/ }).click();
    await page.getByRole('button', { name: 'Add a portal' }).waitFor();
  });
});
