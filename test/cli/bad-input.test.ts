import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { scratchFolder } from '../support/core-harness';
import { CLI, NO_KEYCHAIN_ENV, taskwatch, type Ran } from './run-cli';

/** Every mistake is one line of Taskwatch's own on stderr, never a stack trace, with the documented exit code. */
function expectOneLine(ran: Ran, code: number, line: string | RegExp) {
  expect(ran.code).toBe(code);
  expect(ran.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (typeof line === 'string') expect(ran.stderr).toBe(`taskwatch: ${line}\n`);
  else expect(ran.stderr).toMatch(line);
}

const task = { id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?', created: Date.now() - 86_400_000 };

let home: Awaited<ReturnType<typeof scratchFolder>>;
let sims: SimulatedPortal[];

beforeAll(async () => {
  expect(existsSync(CLI), 'run `npm run build` first: the CLI test runs the built CLI').toBe(true);
  home = await scratchFolder('taskwatch-cli-input-');
  sims = await Promise.all([1, 2].map(() => startSimulatedPortal({ tasks: [task] })));
});

afterAll(async () => {
  await Promise.all(sims?.map((sim) => sim.close()) ?? []);
  await home?.remove();
});

describe('taskwatch usage mistakes: exit 2, one line in its own words', () => {
  it.each([
    [['check', '--bogus'], 'Unknown option --bogus. Run taskwatch --help for the options.'],
    [['check', '--home'], '--home needs a value: --home DIR'],
    [['check', '--output', '--json'], '--output needs a value: --output FILE'],
    [['check', '--json=yes'], '--json takes no value (got "yes").'],
    [['check', 'now'], 'Too many arguments for check: "now". Run taskwatch --help.'],
    [['check', '--username', 'admin'], '--username does not apply to check. Run taskwatch --help for its options.'],
    [['portal'], 'portal needs an action: taskwatch portal add | list | remove'],
    [['portal', 'rename'], 'Unknown portal action "rename": add, list or remove.'],
    [['export', 'tasks', '--format', 'xml'], '--format is csv or json (got "xml").'],
    [['watch', '--interval', 'soon'], '--interval takes a whole number of seconds, at least 1'],
  ])('taskwatch %j', { concurrent: true }, async (args, line) => {
    expectOneLine(await taskwatch(home.path, args), 2, line);
  });
});

describe('taskwatch errors of the machine around it', () => {
  it('names the real cause when the export file cannot be written: exit 4', async () => {
    const ran = await taskwatch(home.path, ['export', 'tasks', '--output', '/missing/dir/x.csv']);
    expectOneLine(ran, 4, 'Cannot write /missing/dir/x.csv: the directory /missing/dir does not exist.');
  });

  it('says once that the keychain is unavailable, however many portals: exit 3', async () => {
    for (const sim of sims) {
      const added = await taskwatch(home.path, ['portal', 'add', sim.baseUrl, '--username', 'admin'], { input: 'admin-password' });
      expect(added.code).toBe(0);
    }
    const ran = await taskwatch(home.path, ['check'], { env: NO_KEYCHAIN_ENV });
    expectOneLine(ran, 3, /^taskwatch: The OS keychain is not available: .*never stores passwords in files\.\n$/);
    expect(ran.stdout).toBe('');

    // Nor does a portal leave the config while its password would stay behind in the keychain.
    const remove = await taskwatch(home.path, ['portal', 'remove', sims[0]!.baseUrl], { env: NO_KEYCHAIN_ENV });
    expectOneLine(remove, 3, /^taskwatch: The OS keychain is not available/);
    expect((await taskwatch(home.path, ['portal', 'list'])).stdout).toContain(sims[0]!.baseUrl);
  });

  it('says which password is missing and how to store it again; `portal add` again fixes it', async () => {
    const [sim] = sims;
    execFileSync('secret-tool', ['clear', 'service', 'taskwatch', 'account', sim!.baseUrl]);
    const missing = await taskwatch(home.path, ['check']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      `No password stored for ${sim!.baseUrl} in the OS keychain: run \`taskwatch portal add ${sim!.baseUrl} --username admin\` again`,
    );
    expect(missing.stdout).not.toMatch(/rejected/i);

    const again = await taskwatch(home.path, ['portal', 'add', sim!.baseUrl, '--username', 'admin'], { input: 'admin-password' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Updated ${sim!.baseUrl}`);
    const fixed = await taskwatch(home.path, ['check']);
    expect(fixed.stdout).toContain(`${sim!.baseUrl}  ok`);
    expect(fixed.stdout).not.toContain('No password');
  });
});

describe('a config file set aside as invalid', () => {
  it('is mentioned by every later command until config.json is written again', async () => {
    const other = await scratchFolder('taskwatch-cli-config-');
    await writeFile(join(other.path, 'config.json'), '{"portals": 5}');

    const first = await taskwatch(other.path, ['portal', 'list']);
    expect(first.code).toBe(2);
    const [kept] = readdirSync(other.path).filter((name) => name.startsWith('config.json.invalid-'));
    expect(first.stderr).toContain(kept);

    for (const args of [['portal', 'list'], ['check']]) {
      const later = await taskwatch(other.path, args);
      expect(later.code).toBe(2);
      expect(later.stderr).toContain(`${join(other.path, kept!)} still holds a config that was set aside as not valid`);
    }

    // The admin writes a config of their own: the kept file is theirs to keep, no longer worth a warning.
    await writeFile(join(other.path, 'config.json'), '{"version": 1, "portals": []}');
    const fixed = await taskwatch(other.path, ['portal', 'list']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toBe('');
    await other.remove();
  });
});
