import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER_MS } from '../../../src-main/core/alerts/delivery';
import { ChannelCenter } from '../../../src-main/core/channels/channel-center';
import { ChannelConfig } from '../../../src-main/contract/routing';
import { channelSecretAccount } from '../../../src-main/core/channels/channel-config';
import type { ChannelMessage } from '../../../src-main/core/channels/channel-message';
import { StateFile, emptyState, type Alert } from '../../../src-main/core/store/state';
import type { Logger } from '../../../src-main/core/ports';
import { ManualClock, MemorySecrets } from '../../support/core-harness';
import { channelServers } from '../../support/channel-servers';
import { MAIL_PASSWORD, MAIL_USER, startMailServer } from '../../support/mail-server';

const NOW = Date.UTC(2026, 10, 20, 4);
const PORTAL = 'https://gis.example.com/portal';
const TASK_PAGE = 'https://gis.example.com/portal/sharing/rest/admin/system/tasks/backup';

const failedRun = (key = 'run:1'): Alert => ({
  key,
  kind: 'failed-run',
  portalId: PORTAL,
  taskId: 'backup',
  runId: key,
  title: 'Nightly backup failed',
  body: 'gis.example.com/portal · run 1 at 4:00 AM\nDisk full',
  createdAt: NOW,
});

const describeAlert = (alert: Alert): ChannelMessage => ({
  key: alert.key,
  kind: alert.kind,
  title: alert.title,
  message: alert.body,
  portal: { url: PORTAL, name: 'gis.example.com/portal' },
  task: { id: 'backup', title: 'Nightly backup <daily>' },
  run: alert.runId ? { id: alert.runId } : null,
  times: { raisedAt: new Date(alert.createdAt).toISOString(), sentAt: new Date(NOW).toISOString() },
  link: TASK_PAGE,
});

const servers = channelServers();

/** A center over real servers; `saved` is the state as last persisted, the way it would be read after a restart. */
function setup(channels: unknown[], secrets: Record<string, string>, state = emptyState(), timeoutMs = 2_000) {
  const clock = new ManualClock(NOW);
  const warnings: string[] = [];
  const logger: Logger = { log: (_level, message) => void warnings.push(message) };
  const box = { saved: JSON.stringify(state) };
  const configs = channels.map((channel) => ChannelConfig.parse(channel));
  const persist = async () => void (box.saved = JSON.stringify(state));
  const center = new ChannelCenter({
    state,
    channels: () => configs,
    secrets: new MemorySecrets(Object.fromEntries(Object.entries(secrets).map(([name, secret]) => [channelSecretAccount(name), secret]))),
    clock,
    logger,
    persist,
    describe: describeAlert,
    timeoutMs,
    ca: servers.mail.ca,
  });
  return { center, state, clock, configs, warnings, persist, saved: () => StateFile.parse(JSON.parse(box.saved)) };
}

const emailChannel = (port: number, extra: object = {}) => ({ name: 'ops-mail', kind: 'email', host: '127.0.0.1', port, username: MAIL_USER, from: 'taskwatch@example.com', to: ['gis-admins@example.com'], ...extra });

describe('webhook channels', () => {
  it('posts one alert once to Teams, Slack and a generic receiver, each in its own shape', async () => {
    const { center } = setup(
      [
        { name: 'teams', kind: 'teams' },
        { name: 'slack', kind: 'slack' },
        { name: 'generic', kind: 'webhook' },
      ],
      { teams: servers.hooks.url('/shape/teams'), slack: servers.hooks.url('/shape/slack'), generic: servers.hooks.url('/shape/generic') },
    );
    center.enqueue(failedRun());
    await center.flush();
    await center.flush(); // nothing left: nothing sent again

    const [teams] = servers.hooks.received('/shape/teams') as any[];
    expect(servers.hooks.received('/shape/teams')).toHaveLength(1);
    const card = teams.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body[0].text).toBe('Nightly backup failed');
    expect(card.content.body[2].facts).toContainEqual({ title: 'Task', value: 'Nightly backup <daily>' });
    expect(card.content.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Open the task', url: TASK_PAGE });

    const [slack] = servers.hooks.received('/shape/slack') as any[];
    expect(servers.hooks.received('/shape/slack')).toHaveLength(1);
    expect(slack.text).toBe('Nightly backup failed');
    expect(slack.blocks[0].text.text).toContain('*Nightly backup failed*\ngis.example.com/portal');
    expect(slack.blocks.at(-1).elements[0].url).toBe(TASK_PAGE);

    expect(servers.hooks.received('/shape/generic')).toEqual([
      {
        version: 1,
        source: 'taskwatch',
        key: 'run:1',
        kind: 'failed-run',
        title: 'Nightly backup failed',
        message: 'gis.example.com/portal · run 1 at 4:00 AM\nDisk full',
        portal: { url: PORTAL, name: 'gis.example.com/portal' },
        task: { id: 'backup', title: 'Nightly backup <daily>' },
        run: { id: 'run:1' },
        times: { raisedAt: '2026-11-20T04:00:00.000Z', sentAt: '2026-11-20T04:00:00.000Z' },
        link: TASK_PAGE,
      },
    ]);
  });

  it('sends a channel only the kinds it chose', async () => {
    const { center, state } = setup([{ name: 'late', kind: 'webhook', alertKinds: ['overdue'] }], { late: servers.hooks.url('/kinds') });
    center.enqueue(failedRun());
    center.enqueue({ ...failedRun('overdue:1'), kind: 'overdue', title: 'Nightly backup is overdue' });
    await center.flush();
    expect((servers.hooks.received('/kinds') as any[]).map((body) => body.kind)).toEqual(['overdue']);
    expect(state.channels.late!.outbox).toEqual([]);
  });

  it('sends a channel only alerts at or above its minimum severity; recovery notices pass whatever it is', async () => {
    const { center } = setup(
      [
        { name: 'pager', kind: 'webhook', minSeverity: 'critical' },
        { name: 'team', kind: 'webhook', minSeverity: 'warning' },
      ],
      { pager: servers.hooks.url('/severity/pager'), team: servers.hooks.url('/severity/team') },
    );
    center.enqueue(failedRun()); // critical
    center.enqueue({ ...failedRun('unreadable:1'), kind: 'runs-unreadable', title: 'Taskwatch cannot read the runs of Nightly backup' }); // warning
    center.enqueue({ ...failedRun('recovered:1'), kind: 'recovered', title: 'Nightly backup succeeded again' }); // info
    await center.flush();
    const kinds = (path: string) => (servers.hooks.received(path) as any[]).map((body) => body.kind);
    expect(kinds('/severity/pager')).toEqual(['failed-run', 'recovered']);
    expect(kinds('/severity/team')).toEqual(['failed-run', 'runs-unreadable', 'recovered']);
  });

  it('retries a 5xx answer with backoff and delivers once the receiver recovers', async () => {
    servers.hooks.answer('/flaky', 503);
    const { center, state, clock, warnings } = setup([{ name: 'flaky', kind: 'webhook' }], { flaky: servers.hooks.url('/flaky') });
    center.enqueue(failedRun());
    await center.flush();
    expect(servers.hooks.attempts('/flaky')).toBe(1);
    expect(state.channels.flaky!.lastError).toBe('The webhook answered HTTP 503.');
    expect(state.channels.flaky!.delivery!.nextAttemptAt).toBe(NOW + 60_000);
    expect(warnings.join('\n')).not.toContain(servers.hooks.url('/flaky')); // the URL is a secret

    clock.advance(59_000);
    await center.flush(); // not yet due: no attempt
    expect(servers.hooks.attempts('/flaky')).toBe(1);
    clock.advance(1_000);
    await center.flush();
    expect(servers.hooks.attempts('/flaky')).toBe(2);
    expect(state.channels.flaky!.delivery!.nextAttemptAt).toBe(clock.now() + 120_000); // backoff doubles

    servers.hooks.answer('/flaky', 200);
    clock.advance(120_000);
    await center.flush();
    await center.flush();
    expect(servers.hooks.received('/flaky')).toHaveLength(1);
    expect(state.channels.flaky).toMatchObject({ outbox: [], delivery: null, lastError: null, undelivered: [] });
  });

  it('never lets a hanging webhook delay another channel, and gives it up visibly after an hour', async () => {
    servers.hooks.answer('/hang', 'hang');
    const { center, state, clock } = setup(
      [
        { name: 'stuck', kind: 'webhook' },
        { name: 'fine', kind: 'slack' },
      ],
      { stuck: servers.hooks.url('/hang'), fine: servers.hooks.url('/beside-hang') },
      emptyState(),
      300,
    );
    center.enqueue(failedRun());
    const flushing = center.flush();
    await expect.poll(() => servers.hooks.received('/beside-hang').length).toBe(1);
    expect(state.channels.stuck!.outbox).toHaveLength(1); // still waiting for the hanging one
    await flushing;
    expect(state.channels.stuck!.lastError).toBe('The webhook did not answer within 0.3 s.');

    for (let waited = 0; state.channels.stuck!.outbox.length > 0 && waited <= GIVE_UP_AFTER_MS * 2; waited += 60_000) {
      clock.advance(60_000);
      await center.flush();
    }
    expect(state.channels.stuck!.outbox).toEqual([]);
    expect(state.channels.stuck!.undelivered).toEqual([{ alert: failedRun(), reason: 'The webhook did not answer within 0.3 s.', at: expect.any(Number) }]);
    expect(servers.hooks.received('/beside-hang')).toHaveLength(1);
  });

  it('sends what was queued before a restart once, and nothing already sent again', async () => {
    const first = setup([{ name: 'restart', kind: 'webhook' }], { restart: servers.hooks.url('/restart') });
    first.center.enqueue(failedRun('run:a'));
    await first.center.flush();
    servers.hooks.answer('/restart', 'hang');
    first.center.enqueue(failedRun('run:b'));
    await first.persist(); // the service saves what was queued before sending it
    const cut = first.center.flush();
    await expect.poll(() => servers.hooks.attempts('/restart')).toBe(2);
    await first.center.stop(); // Taskwatch quits while the send hangs: not a failure, the alert waits
    await cut;

    servers.hooks.answer('/restart', 200);
    const second = setup([{ name: 'restart', kind: 'webhook' }], { restart: servers.hooks.url('/restart') }, first.saved());
    expect(second.state.channels.restart!.delivery).toBeNull();
    await second.center.flush();
    await second.center.flush();
    expect((servers.hooks.received('/restart') as any[]).map((body) => body.key)).toEqual(['run:a', 'run:b']);
  });
});

describe('pruning', () => {
  it('forgets what waits for a removed portal, and the whole outbox of a removed channel', () => {
    const { center, state, configs } = setup([{ name: 'stays', kind: 'webhook' }, { name: 'goes', kind: 'slack' }], {});
    center.enqueue(failedRun('run:kept'));
    center.enqueue({ ...failedRun('run:gone'), portalId: 'https://removed.example.com/portal' });
    configs.splice(1, 1);
    center.prune(new Set([PORTAL]));
    expect(Object.keys(state.channels)).toEqual(['stays']);
    expect(state.channels.stays!.outbox.map((alert) => alert.key)).toEqual(['run:kept']);
  });
});

describe('email channels', () => {
  it('mails the alert over STARTTLS, authenticated with the password from the keychain', async () => {
    const { center, state } = setup([emailChannel(servers.mail.port)], { 'ops-mail': MAIL_PASSWORD });
    center.enqueue(failedRun());
    await center.flush();
    await center.flush();
    expect(servers.mail.mails).toHaveLength(1);
    const [sent] = servers.mail.mails;
    expect(sent!.subject).toBe('[Taskwatch] Nightly backup failed');
    expect(sent!.to).toMatchObject({ text: 'gis-admins@example.com' });
    expect(sent!.text).toContain('Disk full');
    expect(sent!.text).toContain('Task: Nightly backup <daily> (backup)');
    expect(sent!.text).toContain(TASK_PAGE);
    expect(servers.mail.authOverTls).toEqual([true]);
    expect(state.channels['ops-mail']!.outbox).toEqual([]);
  });

  it('mails over TLS from the first byte', async () => {
    const tlsServer = await startMailServer({ secure: true });
    try {
      const { center } = setup([emailChannel(tlsServer.port, { security: 'tls' })], { 'ops-mail': MAIL_PASSWORD });
      center.enqueue(failedRun());
      await center.flush();
      expect(tlsServer.mails.map((sent) => sent.subject)).toEqual(['[Taskwatch] Nightly backup failed']);
    } finally {
      await tlsServer.close();
    }
  });

  it('retries while the mail server is down or busy, then delivers once', async () => {
    const downPort = await startMailServer().then(async (server) => (await server.close(), server.port));
    const { center, state, clock, configs } = setup([emailChannel(downPort)], { 'ops-mail': MAIL_PASSWORD });
    center.enqueue(failedRun('run:down'));
    await center.flush();
    expect(state.channels['ops-mail']!.lastError).toMatch(/^The mail server 127\.0\.0\.1:\d+ did not take the mail: the connection failed/);

    (configs[0] as { port: number }).port = servers.mail.port; // the server is back (here: where it listens)
    servers.mail.refuseNext = 451;
    clock.advance(60_000);
    await center.flush();
    expect(state.channels['ops-mail']!.lastError).toContain('451');
    const before = servers.mail.mails.length;
    clock.advance(120_000);
    await center.flush();
    await center.flush();
    expect(servers.mail.mails.length - before).toBe(1);
    expect(servers.mail.mails.at(-1)!.text).toContain('run:down');
    expect(state.channels['ops-mail']).toMatchObject({ outbox: [], delivery: null, lastError: null });
  });

  it('gives up on a mail server that accepts the connection but never greets, within the timeout, and on quitting at once', async () => {
    const held = new Set<Socket>();
    const silent = createServer((socket) => void held.add(socket)); // takes the connection, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { center, state } = setup([emailChannel((silent.address() as AddressInfo).port)], { 'ops-mail': MAIL_PASSWORD }, emptyState(), 300);
      center.enqueue(failedRun());
      await center.flush();
      expect(state.channels['ops-mail']!.lastError).toMatch(/did not take the mail: (it did not answer in time|the connection failed)/);
      expect(state.channels['ops-mail']!.delivery!.failures).toBe(1);

      const patient = setup([emailChannel((silent.address() as AddressInfo).port)], { 'ops-mail': MAIL_PASSWORD }, emptyState(), 60_000);
      patient.center.enqueue(failedRun());
      const hanging = patient.center.flush();
      const stoppedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await patient.center.stop();
      await hanging;
      expect(performance.now() - stoppedAt).toBeLessThan(5_000);
      expect(patient.state.channels['ops-mail']).toMatchObject({ outbox: [failedRun()], delivery: null, lastError: null });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says a refused password in words, never the password itself', async () => {
    const { center, state } = setup([emailChannel(servers.mail.port)], { 'ops-mail': 'wrong-password' });
    center.enqueue(failedRun());
    await center.flush();
    expect(state.channels['ops-mail']!.lastError).toBe(`The mail server 127.0.0.1:${servers.mail.port} did not take the mail: the user name or password was refused.`);
  });
});
