import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HomeInUseError, lockHome } from '../../../src-main/core/store/home-lock';
import { scratchFolder } from '../../support/core-harness';

const homes: Array<{ remove(): Promise<void> }> = [];
afterEach(async () => void (await Promise.all(homes.splice(0).map((home) => home.remove()))));
async function home(): Promise<string> {
  const folder = await scratchFolder('taskwatch-lock-');
  homes.push(folder);
  return folder.path;
}

/** What a holder killed with SIGKILL leaves: the lock folder and its owner file, naming a pid now gone. */
function leftByKilledHolder(dir: string, pid: number | null): void {
  mkdirSync(join(dir, 'taskwatch.lock'));
  if (pid !== null) writeFileSync(join(dir, 'taskwatch.lock.owner.json'), JSON.stringify({ pid, host: hostname(), since: Date.now() - 5_000, what: 'taskwatch watch' }));
}
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('home lock', () => {
  it('lets one owner in and tells a second who holds it, and since when', async () => {
    const dir = await home();
    const lock = await lockHome(dir, { what: 'taskwatch watch', now: () => Date.UTC(2026, 10, 23, 9) });
    const refused = await lockHome(dir, { what: 'the Taskwatch app' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HomeInUseError);
    expect((refused as Error).message).toBe(
      `The Taskwatch home ${dir} is in use by another Taskwatch (taskwatch watch, pid ${process.pid}, since 2026-11-23T09:00:00.000Z); only one may watch it at a time.`,
    );
    await lock.release();
    await (await lockHome(dir, { what: 'the Taskwatch app' })).release();
  });

  it('takes over at once from a holder killed with SIGKILL, and from one killed before it named itself', async () => {
    const killed = await home();
    leftByKilledHolder(killed, deadPid());
    await (await lockHome(killed, { what: 'taskwatch watch' })).release();
    const unnamed = await home();
    leftByKilledHolder(unnamed, null);
    await (await lockHome(unnamed, { what: 'taskwatch watch' })).release();
  });

  it('tells its holder when another process took the home over (found at the next refresh, within 5 s)', { timeout: 15_000 }, async () => {
    const dir = await home();
    const lost: Error[] = [];
    const lock = await lockHome(dir, { what: 'taskwatch watch', onCompromised: (error) => lost.push(error) });
    // What a second process does when it finds the lock stale: remove it and make its own.
    rmSync(join(dir, 'taskwatch.lock'), { recursive: true });
    mkdirSync(join(dir, 'taskwatch.lock'));
    await vi.waitFor(() => expect(lost).toHaveLength(1), { timeout: 8_000, interval: 100 });
    await lock.release();
  });

  it('removes the temporary files of writes a crash interrupted, and nothing else', async () => {
    const dir = await home();
    writeFileSync(join(dir, '.state.json.4242.0a1b2c3d.tmp'), '{"half":');
    writeFileSync(join(dir, 'state.json'), '{}');
    const lock = await lockHome(dir, { what: 'taskwatch watch' });
    expect(existsSync(join(dir, '.state.json.4242.0a1b2c3d.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
    await lock.release();
  });
});
