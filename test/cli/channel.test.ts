import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { CLI, keychainItem, startWatch, taskwatch } from './run-cli';
import { scratchFolder } from '../support/core-harness';
import { MAIL_PASSWORD, MAIL_USER, startMailServer, type MailServer } from '../support/mail-server';
import { hourlyCleaner } from '../support/sim-tasks';
import { startPrivateDesktop, type PrivateDesktop } from '../support/private-desktop';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * `taskwatch channel ...` as an admin runs it: the built CLI, the real keychain, a real SMTP server (STARTTLS,
 * AUTH; its certificate trusted through NODE_EXTRA_CA_CERTS) and a real webhook receiver; then `watch`
 * sending a failed run to every channel once, a hanging one delaying none of the others.
 */
describe('channel add | list | test | remove, and watch sending to channels (real CLI, keychain, SMTP, HTTP)', () => {
  let desktop: PrivateDesktop;
  let sim: SimulatedPortal;
  let mail: MailServer;
  let hooks: WebhookReceiver;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    expect(existsSync(CLI), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    desktop = await startPrivateDesktop();
    sim = await startSimulatedPortal({ tasks: [hourlyCleaner('gp', 'gpCleanerTask')], users: { admin: 'admin-password' } });
    mail = await startMailServer();
    hooks = await startWebhookReceiver();
    home = await scratchFolder();
    writeFileSync(join(home.path, 'mail-ca.pem'), mail.ca);
    env = { ...desktop.env, NODE_EXTRA_CA_CERTS: join(home.path, 'mail-ca.pem') };
    expect((await taskwatch(home.path, ['portal', 'add', sim.baseUrl, '--username', 'admin'], { input: 'admin-password\n', env })).code).toBe(0);
  });

  afterAll(async () => {
    if (home) await taskwatch(home.path, ['portal', 'remove', sim.baseUrl], { env });
    await desktop?.stop();
    await sim?.close();
    await mail?.close();
    await hooks?.close();
    await home?.remove();
  });

  it('adds channels with their secrets in the keychain only, lists them, tests them and removes them', async () => {
    const teams = await taskwatch(home.path, ['channel', 'add', 'ops-teams', '--kind', 'teams'], { input: `${hooks.url('/cli/teams')}\n`, env });
    expect([teams.code, teams.stderr]).toEqual([0, '']);
    const email = await taskwatch(
      home.path,
      ['channel', 'add', 'ops-mail', '--kind', 'email', '--host', '127.0.0.1', '--port', String(mail.port), '--username', MAIL_USER, '--from', 'taskwatch@example.com', '--to', 'a@example.com,b@example.com', '--alerts', 'failed-run,overdue', '--min-severity', 'critical', '--remind-every', '4'],
      { input: `${MAIL_PASSWORD}\n`, env },
    );
    expect([email.code, email.stderr]).toEqual([0, '']);
    expect(keychainItem('channel:ops-teams', env)).toBe(hooks.url('/cli/teams'));
    expect(keychainItem('channel:ops-mail', env)).toBe(MAIL_PASSWORD);
    const config = readFileSync(join(home.path, 'config.json'), 'utf8');
    expect(config).not.toContain(hooks.url('/cli/teams'));
    expect(config).not.toContain(MAIL_PASSWORD);

    const listed = await taskwatch(home.path, ['channel', 'list'], { env });
    expect(listed.stdout.trim().split('\n')).toEqual([
      'ops-teams  teams  URL in the keychain  all alerts  every severity  no reminders  nothing waiting',
      `ops-mail  email  to a@example.com, b@example.com via 127.0.0.1:${mail.port} (starttls)  failed-run, overdue  critical only  reminds every 4 h  nothing waiting`,
    ]);

    expect((await taskwatch(home.path, ['channel', 'test', 'ops-teams'], { env })).code).toBe(0);
    expect((hooks.received('/cli/teams') as any[]).map((card) => card.attachments[0].content.body[0].text)).toEqual(['Taskwatch test message']);
    expect((await taskwatch(home.path, ['channel', 'test', 'ops-mail'], { env })).code).toBe(0);
    expect(mail.mails.map((sent) => [sent.subject, sent.to])).toEqual([['[Taskwatch] Taskwatch test message', expect.objectContaining({ text: 'a@example.com, b@example.com' })]]);

    hooks.answer('/cli/teams', 500);
    const refused = await taskwatch(home.path, ['channel', 'test', 'ops-teams'], { env });
    expect([refused.code, refused.stderr.trim()]).toEqual([1, 'taskwatch: channel ops-teams did not take the test message: The webhook answered HTTP 500.']);
    hooks.answer('/cli/teams', 200);

    const bad = await taskwatch(home.path, ['channel', 'add', 'x', '--kind', 'slack'], { input: 'not a url\n', env });
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'taskwatch: A webhook channel needs its URL (http or https) on standard input.']);

    for (const name of ['ops-teams', 'ops-mail']) expect((await taskwatch(home.path, ['channel', 'remove', name], { env })).code).toBe(0);
    expect(keychainItem('channel:ops-teams', env)).toBeNull();
    expect(keychainItem('channel:ops-mail', env)).toBeNull();
    expect((await taskwatch(home.path, ['channel', 'list', '--json'], { env })).stdout.trim()).toBe('[]');
  });

  it('watch sends a failed run to every channel once, and a hanging webhook delays neither the others nor the desktop', async () => {
    hooks.answer('/watch/hang', 'hang');
    const add = (name: string, kind: string, path: string) => taskwatch(home.path, ['channel', 'add', name, '--kind', kind], { input: hooks.url(path), env });
    for (const [name, kind, path] of [
      ['hangs', 'webhook', '/watch/hang'],
      ['chat', 'slack', '/watch/slack'],
      ['json', 'webhook', '/watch/json'],
    ] as const) {
      expect((await add(name, kind, path)).code).toBe(0);
    }
    const mailChannel = ['channel', 'add', 'mail', '--kind', 'email', '--host', '127.0.0.1', '--port', String(mail.port), '--username', MAIL_USER, '--from', 'taskwatch@example.com', '--to', 'ops@example.com'];
    expect((await taskwatch(home.path, mailChannel, { input: MAIL_PASSWORD, env })).code).toBe(0);
    const mailsBefore = mail.mails.length;

    const watching = startWatch(home.path, env);
    const failed = sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    // Well inside the 15 s the hanging webhook is given: nobody waits for it.
    await expect.poll(() => [hooks.received('/watch/slack').length, hooks.received('/watch/json').length, mail.mails.length - mailsBefore, desktop.receiver.received.length], { timeout: 10_000 }).toEqual([1, 1, 1, 1]);
    expect(hooks.attempts('/watch/hang')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // more polls: nothing sent again
    watching.child.kill('SIGTERM');
    expect(await watching.exited).toBe(0);

    expect(hooks.received('/watch/json')).toEqual([expect.objectContaining({ kind: 'failed-run', run: { id: failed.runId }, task: { id: 'gp', title: 'gpCleanerTask' }, link: expect.stringMatching(/\/system\/tasks\/gp$/) })]);
    expect(hooks.received('/watch/slack')).toHaveLength(1);
    expect(mail.mails.length - mailsBefore).toBe(1);
    // The hanging one was cut off when watch stopped: it waits in its outbox for the next start, the others do not.
    const listed = await taskwatch(home.path, ['channel', 'list'], { env });
    expect(listed.stdout).toMatch(/^hangs .* 1 waiting$/m);
    expect(listed.stdout).toMatch(/^chat .* nothing waiting$/m);
  });
});
