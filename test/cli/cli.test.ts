import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckReport } from '../../src-main/cli/check-report';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { scratchFolder } from '../support/core-harness';
import { HOUR, hourlyCleaner } from '../support/sim-tasks';
import { startNotificationReceiver, type NotificationReceiver } from '../support/notification-receiver';
import { CLI, filesUnder, keychainItem, NO_KEYCHAIN_ENV, taskwatch } from './run-cli';



describe('taskwatch CLI (real keychain, real notifications)', () => {
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let receiver: NotificationReceiver;
  /** Other test files may notify on the same bus: only ours count. */
  const ours = () => receiver.received.filter((note) => `${note.summary} ${note.body}`.includes(sim.baseUrl.replace('http://', '')));

  beforeAll(async () => {
    expect(existsSync(CLI), 'run `npm run build` first: the CLI test runs the built CLI').toBe(true);
    sim = await startSimulatedPortal({ tasks: [hourlyCleaner('gp', 'gpCleanerTask'), hourlyCleaner('retention', 'retentionCleaner')] });
    home = await scratchFolder();
    receiver = await startNotificationReceiver();
  });

  afterAll(async () => {
    await receiver?.stop();
    await sim?.close();
    await home?.remove();
  });

  it('refuses a wrong password without saving anything, in one line with no stack trace', async () => {
    const ran = await taskwatch(home.path, ['portal', 'add', sim.baseUrl, '--username', 'admin'], { input: 'wrong\n' });
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toContain('Invalid username or password');
    expect(ran.stderr).not.toContain('wrong');
    expect(ran.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(keychainItem(sim.baseUrl)).toBeNull();
  });

  it('adds a portal: the password goes to the OS keychain, never to a file', async () => {
    const ran = await taskwatch(home.path, ['portal', 'add', sim.baseUrl, '--username', 'admin', '--time-zone', 'Europe/Berlin'], { input: 'admin-password\n' });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(keychainItem(sim.baseUrl)).toBe('admin-password');
    const listed = await taskwatch(home.path, ['portal', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ url: sim.baseUrl, username: 'admin', timeZone: 'Europe/Berlin', adminUrl: `${sim.baseUrl}/admin` }),
    ]);
  });

  it('check --json prints the documented report; exit 0 without problems, 1 with', async () => {
    const clean = await taskwatch(home.path, ['check', '--json']);
    expect(clean.code).toBe(0);
    const report = CheckReport.parse(JSON.parse(clean.stdout));
    expect(report.portals[0]!.tasks.map((task) => [task.title, task.health, task.schedule])).toEqual([
      ['gpCleanerTask', 'ok', 'Every hour'],
      ['retentionCleaner', 'ok', 'Every hour'],
    ]);

    const failed = sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    const dirty = await taskwatch(home.path, ['check', '--json']);
    expect(dirty.code).toBe(1);
    expect(CheckReport.parse(JSON.parse(dirty.stdout)).problems).toEqual([
      { portal: sim.baseUrl, taskId: 'gp', runId: failed.runId, kind: 'failed-run', message: 'gpCleanerTask: Latest run failed: GP job cleanup failed: disk full.' },
    ]);
    expect(ours()).toEqual([]); // check only looks
  });

  it('watch notifies the failed run exactly once on the desktop, prints it, and exits cleanly on SIGTERM', async () => {
    const lines: string[] = [];
    const watcher = spawn(process.execPath, [CLI, '--home', home.path, 'watch', '--json', '--interval', '1']);
    watcher.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => watcher.on('close', resolve));

    await expect.poll(() => ours().length, { timeout: 15_000 }).toBe(1);
    const [note] = ours();
    expect(note!.summary).toBe('gpCleanerTask failed');
    expect(note!.body).toContain(sim.baseUrl.replace('http://', ''));
    expect(note!.body).toMatch(/run [0-9a-f]{32}/);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // a few more polls
    watcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(ours()).toHaveLength(1);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ event: 'notification', kind: 'failed-run', portal: sim.baseUrl, taskId: 'gp', title: 'gpCleanerTask failed' }),
    ]);

    const again = spawn(process.execPath, [CLI, '--home', home.path, 'watch', '--json', '--interval', '1']);
    const againLines: string[] = [];
    again.stdout.on('data', (chunk: Buffer) => againLines.push(chunk.toString()));
    const againExited = new Promise<number | null>((resolve) => again.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    again.kill('SIGINT');
    expect(await againExited).toBe(0);
    expect(againLines.join('')).toBe('');
    expect(ours()).toHaveLength(1);
  });

  it('watch, restarted after two weeks of hourly runs, finds the one failure in the middle and nothing else', async () => {
    const twoWeeks = 14 * 24 * HOUR;
    const lastHour = Math.floor(Date.now() / HOUR) * HOUR;
    const away = await startSimulatedPortal({ tasks: [{ ...hourlyCleaner('gp', 'awayCleaner'), history: [{ startedAt: lastHour - twoWeeks, durationMs: 1_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }] }] });
    const awayHome = await scratchFolder();
    try {
      expect((await taskwatch(awayHome.path, ['portal', 'add', away.baseUrl, '--username', 'admin'], { input: 'admin-password\n' })).code).toBe(0);
      const watchOnce = async () => {
        const lines: string[] = [];
        const watcher = spawn(process.execPath, [CLI, '--home', awayHome.path, 'watch', '--json', '--interval', '1']);
        watcher.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
        const exited = new Promise<number | null>((resolve) => watcher.on('close', resolve));
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        watcher.kill('SIGTERM');
        expect(await exited).toBe(0);
        return lines.map((line) => JSON.parse(line) as { kind: string; runId?: string; body: string });
      };
      // The first look: silent for two weeks, so overdue; its history is not replayed.
      expect((await watchOnce()).map((line) => line.kind)).toEqual(['overdue']);
      away.addHourlyHistory('gp', { from: lastHour - twoWeeks + HOUR, count: 336, failAt: [168], failResult: 'GP job cleanup failed: disk full.' });
      const later = await watchOnce();
      expect(later.map((line) => line.kind)).toEqual(['failed-run']);
      expect(later[0]!.body).toContain('disk full');
    } finally {
      await away.close();
      await awayHome.remove();
    }
  });

  it('removing a portal deletes its keychain entry; no password or token is left in any file or log', async () => {
    const ran = await taskwatch(home.path, ['portal', 'remove', sim.baseUrl]);
    expect(ran.code).toBe(0);
    expect(keychainItem(sim.baseUrl)).toBeNull();
    const files = filesUnder(home.path);
    expect(files.some((file) => file.includes('taskwatch.log'))).toBe(true);
    expect(sim.issuedTokens().length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('admin-password');
      for (const token of sim.issuedTokens()) expect(text, file).not.toContain(token);
    }
  });

  it('says in one sentence when there is no keychain, and stores nothing', async () => {
    const other = await scratchFolder();
    const ran = await taskwatch(other.path, ['portal', 'add', sim.baseUrl, '--username', 'admin'], {
      input: 'admin-password',
      env: NO_KEYCHAIN_ENV,
    });
    expect(ran.code).toBe(3);
    expect(ran.stderr).toMatch(/^taskwatch: The OS keychain is not available/);
    expect(ran.stderr).toContain('never stores passwords in files');
    expect(existsSync(join(other.path, 'config.json'))).toBe(false);
    await other.remove();
  });

  it('answers usage mistakes with exit 2 and a hint', async () => {
    const ran = await taskwatch(home.path, ['frobnicate']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('taskwatch: Unknown command "frobnicate". Run taskwatch --help.\n');
  });
});
