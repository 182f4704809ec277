import { spawn } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { scratchFolder } from '../support/core-harness';
import { CLI, startServe } from './serve-process';

/** A server with no desktop session: no D-Bus, so no keychain; the passwords come from a file or the environment. */
const NO_DESKTOP = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };

function serveOnce(home: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, '--home', home, 'serve', '--listen', '127.0.0.1:0', ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({ code, stderr }))));
}

describe('taskwatch serve without a desktop keychain', () => {
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let passwords: string;

  beforeAll(async () => {
    sim = await startSimulatedPortal({ tasks: [{ id: 'backup', title: 'nightlyBackup', taskType: 'CreateBackup', cronExpression: '0 0 2 * * ?', created: Date.now() - 86_400_000 }] });
    home = await scratchFolder();
    // config.json written by hand, as the README shows for a server: no `portal add`, which needs a keychain.
    const portal = { id: sim.baseUrl, url: sim.baseUrl, adminUrl: `${sim.baseUrl}/admin`, username: 'admin', timeZone: 'UTC' };
    await writeFile(join(home.path, 'config.json'), JSON.stringify({ version: 1, portals: [portal] }));
    passwords = join(home.path, 'passwords.json');
    await writeFile(passwords, JSON.stringify({ [sim.baseUrl]: 'admin-password' }));
  });

  afterAll(async () => {
    await sim?.close();
    await home?.remove();
  });

  it('says at start that the keychain is missing and where else passwords may come from', async () => {
    const ran = await serveOnce(home.path, [], NO_DESKTOP);
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toMatch(/^taskwatch: The OS keychain is not available.*--passwords-file FILE\.\n$/);
  });

  it('refuses a password file that others can read, without quoting it', async () => {
    await chmod(passwords, 0o644);
    const ran = await serveOnce(home.path, ['--passwords-file', passwords], NO_DESKTOP);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(`taskwatch: The password file ${passwords} can be read or changed by others (mode 644): run chmod 600 ${passwords}.\n`);
  });

  it('polls with the password from an owner-only file, open /metrics when no token is set, and stops on SIGINT', async () => {
    await chmod(passwords, 0o600);
    const served = startServe(home.path, ['--listen', '127.0.0.1:0', '--passwords-file', passwords], NO_DESKTOP);
    const url = await served.url();
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(`taskwatch_portal_up{portal="${sim.baseUrl}"} 1`);
    expect(metrics).toContain(`taskwatch_task_info{portal="${sim.baseUrl}",task_id="backup",title="nightlyBackup",type="CreateBackup"} 1`);
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
    expect(served.stdout()).not.toContain('admin-password');
  });

  it('takes the passwords from TASKWATCH_PASSWORDS where no file can be mounted', async () => {
    const served = startServe(home.path, ['--listen', '127.0.0.1:0'], { ...NO_DESKTOP, TASKWATCH_PASSWORDS: JSON.stringify({ [sim.baseUrl]: 'admin-password' }) });
    const url = await served.url();
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain(`taskwatch_portal_up{portal="${sim.baseUrl}"} 1`);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  });
});
