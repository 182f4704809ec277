import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { SIM_ENDPOINTS } from '../../src-main/sim/failures';
import { CLI, filesUnder, startWatch, taskwatch, type Watching } from './run-cli';
import { scratchFolder } from '../support/core-harness';
import { hourlyCleaner } from '../support/sim-tasks';
import { startPrivateDesktop, type PrivateDesktop } from '../support/private-desktop';

/**
 * Exactly once, whatever the processes do: a second `watch` on a home is refused, a killed one is taken
 * over at once, and secrets a portal echoes reach no output, file or notification. Real CLI children, a
 * real keychain and a real notification service, on a desktop session of this file's own.
 */
const PASSWORD = 'Echo-me-N0t!';


const notificationLines = (watching: Watching) => watching.lines.map((line) => JSON.parse(line) as { event: string; runId: string | null });
const stop = async (watching: Watching) => {
  watching.child.kill('SIGTERM');
  return watching.exited;
};

describe('one owner per home, and no secret a portal echoes (real CLI, keychain, notifications)', () => {
  let desktop: PrivateDesktop;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  const shown = () => desktop.receiver.received;

  beforeAll(async () => {
    expect(existsSync(CLI), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    desktop = await startPrivateDesktop();
    sim = await startSimulatedPortal({ tasks: [hourlyCleaner('gp', 'gpCleanerTask')], users: { admin: PASSWORD } });
    home = await scratchFolder();
    const added = await taskwatch(home.path, ['portal', 'add', sim.baseUrl, '--username', 'admin'], { input: `${PASSWORD}\n`, env: desktop.env });
    expect(added.stderr).toBe('');
  });

  afterAll(async () => {
    if (home) await taskwatch(home.path, ['portal', 'remove', sim.baseUrl], { env: desktop.env });
    await desktop?.stop();
    await sim?.close();
    await home?.remove();
  });

  it('refuses a second watch (and a serve, and a config change) on the same home with exit 5, naming the first; a killed one is taken over at once', async () => {
    // A write a crash interrupted, left behind: the owner removes it when it takes the home.
    const orphan = join(home.path, `.state.json.999999.0a1b2c3d.tmp`);
    writeFileSync(orphan, '{"half":');
    const first = startWatch(home.path, desktop.env);
    const failed = sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    await expect.poll(() => shown().length, { timeout: 15_000 }).toBe(1);
    expect(existsSync(orphan)).toBe(false);

    const second = await taskwatch(home.path, ['watch', '--json', '--interval', '1'], { env: desktop.env });
    expect(second.code).toBe(5);
    expect(second.stderr).toMatch(new RegExp(`in use by another Taskwatch \\(taskwatch watch, pid ${first.child.pid}, since \\d{4}-\\d\\d-\\d\\dT`));
    expect(second.stdout).toBe('');
    const server = await taskwatch(home.path, ['serve', '--listen', '127.0.0.1:0'], { env: desktop.env });
    expect([server.code, server.stderr]).toEqual([5, expect.stringContaining(`(taskwatch watch, pid ${first.child.pid}, since`)]);
    // A portal change would be written over by the running watch's own copy: refused, nothing written.
    // (Mutes and maintenance windows the running watch makes itself: test/serve/serve-takes-cli-changes.test.ts.)
    const configBefore = readFileSync(join(home.path, 'config.json'), 'utf8');
    const removal = await taskwatch(home.path, ['portal', 'remove', sim.baseUrl], { env: desktop.env });
    expect([removal.code, removal.stderr]).toEqual([5, expect.stringContaining(`(taskwatch watch, pid ${first.child.pid}, since`)]);
    expect(removal.stderr).toContain('Make the change in its window, or stop it first');
    expect(readFileSync(join(home.path, 'config.json'), 'utf8')).toBe(configBefore);
    // Read-only commands need no lock and still answer while watch runs.
    const check = await taskwatch(home.path, ['check', '--json'], { env: desktop.env });
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).problems).toEqual([expect.objectContaining({ runId: failed.runId, kind: 'failed-run' })]);

    first.child.kill('SIGKILL');
    await first.exited;
    const next = sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed again.' });
    const takeover = startWatch(home.path, desktop.env);
    await expect.poll(() => shown().length, { timeout: 15_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // more polls: nothing more to say
    expect(await stop(takeover)).toBe(0);

    expect(shown().map((note) => note.summary)).toEqual(['gpCleanerTask failed', 'gpCleanerTask failed']);
    expect([...notificationLines(first), ...notificationLines(takeover)].map((line) => line.runId)).toEqual([failed.runId, next.runId]);
    expect(takeover.stderr()).toBe('');
    expect(filesUnder(home.path).filter((file) => file.endsWith('.tmp') || file.includes('taskwatch.lock'))).toEqual([]);
  });

  it('masks the token and password a portal echoes in its errors and results: 0 hits in outputs, files and notifications', async () => {
    const before = shown().length;
    sim.failAlways(SIM_ENDPOINTS.tasks, 'echo-secrets');
    const watching = startWatch(home.path, desktop.env);
    await expect.poll(() => shown().length, { timeout: 15_000 }).toBe(before + 1); // the portal answers an error
    sim.clearFailures();
    // A failed run whose result quotes the token the request carried.
    sim.completeRun('gp', { status: 'failed', result: `Cleanup failed for ${sim.issuedTokens().at(-1)}` });
    await expect.poll(() => shown().length, { timeout: 15_000 }).toBe(before + 2);
    // The sign-in answer (an error) repeats the password: the portal is in error, and says so once.
    sim.failAlways(SIM_ENDPOINTS.token, 'echo-secrets');
    sim.expireTokens();
    await expect.poll(() => shown().length, { timeout: 20_000 }).toBe(before + 3);
    const check = await taskwatch(home.path, ['check', '--json'], { env: desktop.env });
    sim.clearFailures();
    expect(await stop(watching)).toBe(0);

    expect(JSON.parse(check.stdout).portals[0]).toMatchObject({ status: 'error', error: expect.stringContaining('Upstream refused the request ([redacted])') });
    const notes = shown().slice(before).map((note) => `${note.summary}\n${note.body}\n${JSON.stringify(note.hints, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))}`);
    expect(notes.join('\n')).toContain('[redacted]');
    const places: Array<[string, string]> = [
      ['watch stdout', watching.lines.join('\n')],
      ['watch stderr', watching.stderr()],
      ['check stdout', check.stdout],
      ['check stderr', check.stderr],
      ['notifications', notes.join('\n')],
      ...filesUnder(home.path).map((file): [string, string] => [file, readFileSync(file, 'utf8')]),
    ];
    const secrets = [PASSWORD, ...sim.issuedTokens()];
    const hits = places.flatMap(([where, text]) => secrets.filter((secret) => text.includes(secret)).map(() => where));
    expect(hits).toEqual([]);
  });
});
