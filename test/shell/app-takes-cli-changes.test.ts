import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemorySecretStore } from '../../src-main/adapters/memory-secrets';
import { askOwner } from '../../src-main/cli/owner-control';
import { systemClock } from '../../src-main/core/ports';
import { createTaskwatchService, type TaskwatchService } from '../../src-main/core/service';
import { runShell } from '../../src-main/shell/app-shell';
import { commandLineDoor } from '../../src-main/shell/command-line-door';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { scratchFolder } from '../support/core-harness';
import { hourlyCleaner } from '../support/sim-tasks';
import { taskwatch } from '../cli/run-cli';
import { app, resetFakeElectron } from './fake-electron';
import { PACKAGED_APP_FILES, recordingLogger } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

/**
 * An admin's patch-night script mutes a task while the app sits in the tray: the real CLI, as a process,
 * hands the command to the running app (its shell with the real core service), which makes the change.
 */
describe('the app takes mutes and maintenance windows from the command line', () => {
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let service: TaskwatchService;
  const cli = (args: string[]) => taskwatch(home.path, args);

  beforeAll(async () => {
    resetFakeElectron();
    sim = await startSimulatedPortal({ tasks: [hourlyCleaner('nightly', 'nightlyCleaner')] });
    home = await scratchFolder();
    const portal = { id: sim.baseUrl, url: sim.baseUrl, adminUrl: `${sim.baseUrl}/admin`, username: 'admin', timeZone: 'UTC' };
    writeFileSync(join(home.path, 'config.json'), JSON.stringify({ version: 1, portals: [portal] }));
    const logger = recordingLogger();
    const shell = await runShell({
      platform: 'linux',
      home: home.path,
      argv: ['taskwatch', '--hidden'],
      ...PACKAGED_APP_FILES,
      logger,
      clock: systemClock,
      createService: async () =>
        (service = await createTaskwatchService({
          home: home.path,
          secrets: new MemorySecretStore({ [sim.baseUrl]: 'admin-password' }),
          notifier: { notify: async () => {} },
          logger,
        })),
      acceptCommandLine: commandLineDoor(home.path, logger),
    });
    expect(shell).not.toBeNull();
    await vi.waitFor(() => expect(service.snapshot().tasks.map((task) => task.title)).toEqual(['nightlyCleaner']), { timeout: 15_000 });
  });

  afterAll(async () => {
    if (!app.exited) app.quit();
    await sim?.close();
    await home?.remove();
  });

  it('mutes a task in the running app at once, shows it in the window, and leaves what brings secrets to the window', async () => {
    let snapshots = 0;
    service.onEvent('snapshot', () => void snapshots++);
    const muted = await cli(['mute', sim.baseUrl, 'nightlyCleaner', '--for', '2h', '--reason', 'patch night']);
    expect([muted.code, muted.stderr]).toEqual([0, '']);
    expect(muted.stdout).toMatch(/^Muted task nightly on /);
    // Made by the app itself, in its live service: no restart, nothing written over.
    expect(service.routing.mutes()).toEqual([expect.objectContaining({ taskId: 'nightly', reason: 'patch night' })]);
    // The window asks for the mutes again on each snapshot: one comes now, not with the next poll.
    await vi.waitFor(() => expect(snapshots).toBeGreaterThan(0), { timeout: 2_000 });

    const window = await cli(['maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--weekly', 'sat', '--from', '22:00', '--to', '23:30']);
    expect([window.code, window.stderr]).toEqual([0, '']);
    expect(service.routing.maintenanceWindows()).toHaveLength(1);

    const removal = await cli(['portal', 'remove', sim.baseUrl]);
    expect(removal.code).toBe(5);
    expect(removal.stderr).toContain('Make the change in its window');
    expect(service.snapshot().portals).toHaveLength(1);
  });

  it('closes the door when it quits', async () => {
    expect(await askOwner(home.path, ['unmute', 'abc'])).not.toBeNull();
    app.quit();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(await askOwner(home.path, ['unmute', 'abc'])).toBeNull();
  });
});
