import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { CLI, taskwatch } from './run-cli';
import { scratchFolder } from '../support/core-harness';
import { hourlyCleaner } from '../support/sim-tasks';
import { startPrivateDesktop, type PrivateDesktop } from '../support/private-desktop';

/** `taskwatch mute | unmute | maintenance` as an admin runs them: the built CLI on a real home and keychain. */
describe('mute and maintenance from the command line (real CLI, keychain)', () => {
  let desktop: PrivateDesktop;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => taskwatch(home.path, args, { env });

  beforeAll(async () => {
    expect(existsSync(CLI), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    desktop = await startPrivateDesktop();
    sim = await startSimulatedPortal({ tasks: [hourlyCleaner('gp', 'gpCleanerTask')], users: { admin: 'admin-password' } });
    home = await scratchFolder();
    env = desktop.env;
    expect((await taskwatch(home.path, ['portal', 'add', sim.baseUrl, '--username', 'admin'], { input: 'admin-password\n', env })).code).toBe(0);
  });

  afterAll(async () => {
    await desktop?.stop();
    await sim?.close();
    await home?.remove();
  });

  it('mutes a task and a portal, lists and unmutes them; a muted failure still shows in check', async () => {
    const task = await run('mute', sim.baseUrl, 'gp', '--for', '2h', '--reason', 'disk swap');
    expect([task.code, task.stderr]).toEqual([0, '']);
    expect(task.stdout).toMatch(/^Muted task gp on .* until \d{4}-.*Z \(id [0-9a-f-]+\)/);
    const portal = await run('mute', sim.baseUrl, '--until-recovered');
    expect(portal.code).toBe(0);

    const listed = JSON.parse((await run('mute', 'list', '--json')).stdout);
    expect(listed.map((mute: any) => [mute.taskId, mute.until.kind, mute.reason])).toEqual([
      ['gp', 'time', 'disk swap'],
      [null, 'recovery', ''],
    ]);
    expect(listed[0].until.at - Date.now()).toBeGreaterThan(119 * 60_000);
    expect((await run('mute', 'list')).stdout).toContain(`${listed[0].id}  task gp on ${sim.baseUrl} until`);

    sim.completeRun('gp', { status: 'failed', result: 'disk full' });
    const check = await run('check');
    expect(check.code).toBe(1); // muted is not hidden: check still reports it
    expect(check.stdout).toContain('gpCleanerTask');

    expect((await run('unmute', listed[1].id)).code).toBe(0);
    expect(JSON.parse((await run('mute', 'list', '--json')).stdout).map((mute: any) => mute.id)).toEqual([listed[0].id]);
  });

  it('adds one-off, weekly and cron maintenance windows in a named zone, lists and removes them', async () => {
    const weekly = await run('maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--weekly', 'mon,tue', '--from', '22:00', '--to', '02:00', '--label', 'patching');
    expect([weekly.code, weekly.stderr]).toEqual([0, '']);
    expect((await run('maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--cron', '0 0 2 ? * SUN', '--minutes', '120')).code).toBe(0);
    expect((await run('maintenance', 'add', sim.baseUrl, '--zone', 'America/New_York', '--once', '2026-11-28T22:00', '2026-11-29T02:00')).code).toBe(0);

    const lines = (await run('maintenance', 'list')).stdout.trim().split('\n');
    expect(lines.map((line) => line.replace(/^\S+ {2}/, ''))).toEqual([
      `${sim.baseUrl}  patching: weekly mon,tue 22:00-02:00 Europe/Berlin`,
      `${sim.baseUrl}  cron "0 0 2 ? * SUN" for 120 min Europe/Berlin`,
      `${sim.baseUrl}  once 2026-11-28T22:00 to 2026-11-29T02:00 America/New_York`,
    ].map((line) => expect.stringMatching(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( {2}OPEN NOW)?$`))));
    const id = lines[1]!.split(' ')[0]!;
    expect((await run('maintenance', 'remove', id)).code).toBe(0);
    expect(JSON.parse((await run('maintenance', 'list', '--json')).stdout)).toHaveLength(2);
  });

  it('answers mistakes with one sentence and exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['mute', sim.baseUrl, 'gp'], 'taskwatch: mute needs exactly one of --until <ISO time>, --for <duration> or --until-recovered'],
      [['mute', sim.baseUrl, 'gp', '--for', '2x'], 'taskwatch: --for takes a duration like 30m, 2h or 1d12h (got "2x")'],
      [['mute', sim.baseUrl, 'gp', '--until', '2000-01-01T00:00Z'], 'taskwatch: A mute must last until a time still to come.'],
      [['mute', 'https://elsewhere.example.com/portal', '--for', '1h'], 'taskwatch: https://elsewhere.example.com/portal is not configured; see taskwatch portal list.'],
      [['unmute', 'no-such-id'], 'taskwatch: No mute with id no-such-id.'],
      [['maintenance', 'add', sim.baseUrl, '--weekly', 'mon', '--from', '22:00', '--to', '02:00'], 'taskwatch: maintenance add needs --zone <IANA zone>, e.g. --zone Europe/Berlin: the window is read in that zone'],
      [['maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--weekly', 'mon,fry', '--from', '22:00', '--to', '02:00'], 'taskwatch: Unknown weekday "fry": use mon, tue, wed, thu, fri, sat, sun.'],
      [['maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--cron', '0 0 2 ? * SUN'], 'taskwatch: --cron needs --minutes <n>: how long each window stays open, a whole number of minutes'],
      [['maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--once', '2026-11-28T22:00'], 'taskwatch: --once needs a start and an end in the zone, e.g. --once 2026-11-28T22:00 2026-11-29T02:00'],
      [['maintenance', 'add', sim.baseUrl, '--zone', 'Europe/Berlin', '--once', '2026-11-29T02:00', '2026-11-28T22:00'], 'taskwatch: The window must end after it starts.'],
      [['maintenance', 'remove', 'no-such-id'], 'taskwatch: No maintenance window with id no-such-id.'],
      [['channel', 'add', 'x', '--kind', 'slack', '--min-severity', 'urgent'], 'taskwatch: Unknown severity "urgent": use critical, warning, info.'],
    ];
    for (const [args, message] of cases) {
      const ran = await run(...args);
      expect([ran.code, ran.stderr.trim()], args.join(' ')).toEqual([2, message]);
    }
  });

  it('removing the portal removes its mutes and maintenance windows', async () => {
    expect((await run('portal', 'remove', sim.baseUrl)).code).toBe(0);
    expect((await run('mute', 'list', '--json')).stdout.trim()).toBe('[]');
    expect((await run('maintenance', 'list', '--json')).stdout.trim()).toBe('[]');
  });
});
