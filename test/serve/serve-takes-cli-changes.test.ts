import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { scratchFolder } from '../support/core-harness';
import { hourlyCleaner } from '../support/sim-tasks';
import { taskwatch } from '../cli/run-cli';
import { startServe, type ServeProcess } from './serve-process';

/** A server with no desktop session; the passwords come from an owner-only file. */
const NO_DESKTOP = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };

const alertLines = (served: ServeProcess) => served.lines().filter((line) => line.fields?.event === 'alert');

/**
 * A team mutes a task or declares a maintenance window while `serve` runs: the CLI hands the command to the
 * running serve, which makes the change at once and keeps it (the real CLI and serve, as processes).
 */
describe('taskwatch serve takes mutes and maintenance windows from the command line', () => {
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let served: ServeProcess;
  const cli = (args: string[]) => taskwatch(home.path, args, { env: NO_DESKTOP });

  beforeAll(async () => {
    sim = await startSimulatedPortal({ tasks: [hourlyCleaner('noisy', 'noisyCleaner'), hourlyCleaner('other', 'otherCleaner')] });
    home = await scratchFolder();
    const portal = { id: sim.baseUrl, url: sim.baseUrl, adminUrl: `${sim.baseUrl}/admin`, username: 'admin', timeZone: 'UTC' };
    writeFileSync(join(home.path, 'config.json'), JSON.stringify({ version: 1, portals: [portal] }));
    const passwords = join(home.path, 'passwords.json');
    writeFileSync(passwords, JSON.stringify({ [sim.baseUrl]: 'admin-password' }), { mode: 0o600 });
    served = startServe(home.path, ['--listen', '127.0.0.1:0', '--interval', '1', '--passwords-file', passwords], NO_DESKTOP);
  });

  afterAll(async () => {
    served?.child.kill('SIGKILL');
    await sim?.close();
    await home?.remove();
  });

  it('mutes a task at once, keeps the mute, and still refuses what brings secrets', async () => {
    const url = await served.url();
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
    const muted = await cli(['mute', sim.baseUrl, 'noisyCleaner', '--for', '2h', '--reason', 'disk being replaced']);
    expect([muted.code, muted.stderr]).toEqual([0, '']);
    const id = /\(id (\S+)\)/.exec(muted.stdout)?.[1];
    expect(muted.stdout).toMatch(/^Muted task noisy on /);
    // Saved by serve itself: the list (read-only, from the files) shows it.
    const listed = await cli(['mute', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id, taskId: 'noisy', reason: 'disk being replaced' })]);

    // In force at once: the muted task's failure is recorded but sent nowhere, the other's is sent.
    sim.completeRun('noisy', { status: 'failed', result: 'Cleanup failed: disk full.' });
    sim.completeRun('other', { status: 'failed', result: 'Cleanup failed: locked.' });
    await expect.poll(() => alertLines(served).length, { timeout: 15_000 }).toBe(1);
    expect(alertLines(served)[0]!.message).toBe('otherCleaner failed');

    // The owner's own sentence comes back for a mistake only it can see (a task it does not know).
    const unknown = await cli(['mute', sim.baseUrl, 'noSuchTask', '--for', '1h']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^taskwatch: .*noSuchTask/);

    const window = await cli(['maintenance', 'add', sim.baseUrl, '--zone', 'UTC', '--weekly', 'sun', '--from', '02:00', '--to', '04:00', '--label', 'patching']);
    expect([window.code, window.stderr]).toEqual([0, '']);
    expect(JSON.parse((await cli(['maintenance', 'list', '--json'])).stdout)).toEqual([expect.objectContaining({ label: 'patching' })]);

    // A portal change still needs serve stopped: refused, naming it, nothing written.
    const before = readFileSync(join(home.path, 'config.json'), 'utf8');
    const removal = await cli(['portal', 'remove', sim.baseUrl]);
    expect([removal.code, removal.stderr]).toEqual([5, expect.stringContaining(`(taskwatch serve, pid ${served.child.pid}, since`)]);
    expect(readFileSync(join(home.path, 'config.json'), 'utf8')).toBe(before);

    // Seconds of polls later, the muted failure has still been sent nowhere.
    expect(alertLines(served).map((line) => line.message)).toEqual(['otherCleaner failed']);
    expect((await cli(['unmute', id!])).code).toBe(0);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    // Stopping wrote serve's configuration: the changes the CLI asked for are in it, not written over.
    const config = JSON.parse(readFileSync(join(home.path, 'config.json'), 'utf8')) as { mutes?: unknown[]; maintenance?: unknown[] };
    expect(JSON.stringify(config)).toContain('patching');
    expect(JSON.stringify(config)).not.toContain('disk being replaced');
  });
});
