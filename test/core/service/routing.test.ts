import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTaskwatchService, type TaskwatchService } from '../../../src-main/core/service';
import { startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim/portal-server';
import { ManualClock, MemorySecrets, RecordingNotifier, scratchFolder } from '../../support/core-harness';
import { channelServers } from '../../support/channel-servers';
import { MAIL_PASSWORD, MAIL_USER } from '../../support/mail-server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);

/**
 * Mutes, maintenance windows, reminders and recovery notices as an admin notices them: the real service
 * polling the simulated portal on a manual clock, sending to a real SMTP server and a real webhook receiver.
 * The nightly backup (04:00 UTC) fails at 04:06 on Friday 2026-11-20.
 */
describe('routing: mute, maintenance, reminders, recoveries (simulated portal, real SMTP and webhooks)', () => {
  let clock: ManualClock;
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let notifier: RecordingNotifier;
  let secrets: MemorySecrets;
  let hookPath: (name: string) => string;
  const services: TaskwatchService[] = [];

  const servers = channelServers();

  beforeEach(async () => {
    clock = new ManualClock(at('2026-11-20T03:30:00Z'));
    home = await scratchFolder();
    notifier = new RecordingNotifier();
    secrets = new MemorySecrets();
    const prefix = `/${Math.random().toString(36).slice(2)}`;
    hookPath = (name) => `${prefix}/${name}`;
    const nightly = [3, 2, 1].map((back) => ({ startedAt: at('2026-11-20T04:00:00Z') - back * 24 * HOUR, durationMs: 6 * MINUTE, status: 'succeeded', result: 'Backup created.' }));
    sim = await startSimulatedPortal({
      now: clock.now,
      tasks: [{ id: 'backup', title: 'nightlyBackup', taskType: 'CreateBackup', cronExpression: '0 0 4 * * ?', created: at('2026-11-01T00:00:00Z'), history: nightly }],
    });
  });

  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    await sim.close();
    await home.remove();
  });

  async function open(): Promise<TaskwatchService> {
    const service = await createTaskwatchService({ home: home.path, secrets, notifier, clock, channelCa: servers.mail.ca, channelTimeoutMs: 2_000 });
    services.push(service);
    if (service.snapshot().portals.length === 0) {
      await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
    }
    await service.start();
    return service;
  }

  async function restart(service: TaskwatchService): Promise<TaskwatchService> {
    await service.stop();
    services.splice(services.indexOf(service), 1);
    return open();
  }

  const webhook = (service: TaskwatchService, name: string, extra: object = {}) =>
    service.channels.add({ name, kind: 'webhook', ...extra }, servers.hooks.url(hookPath(name)));
  const titles = (name: string) => (servers.hooks.received(hookPath(name)) as Array<{ title: string }>).map((body) => body.title);

  /** Polls at `iso`, then waits until every channel's outbox is empty (sent, or nothing queued), unless told which may wait. */
  async function pollAt(iso: string, service: TaskwatchService, mayWait: string[] = []) {
    clock.advance(at(iso) - clock.now());
    await service.pollOnce();
    const waiting = () => service.channels.list().some((channel) => channel.waiting > 0 && !mayWait.includes(channel.channel.name));
    for (let waited = 0; waiting(); waited += 10) {
      if (waited > 5_000) throw new Error('channels did not deliver within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const backupFails = (iso: string) => {
    clock.advance(at(iso) - clock.now());
    return sim.completeRun('backup', { status: 'failed', result: 'Backup failed: disk full.' });
  };
  const backupSucceeds = (iso: string) => {
    clock.advance(at(iso) - clock.now());
    sim.completeRun('backup', { status: 'succeeded', result: 'Backup created.' });
  };
  const health = (service: TaskwatchService) => service.snapshot().tasks.find((task) => task.id === 'backup')?.health;

  it('a muted task fails silently (visible in the window only); when the mute time ends the failure still open is sent once', async () => {
    const service = await open();
    await webhook(service, 'ops');
    await pollAt('2026-11-20T03:31:00Z', service);
    await service.routing.mute({ portalId: sim.baseUrl, taskId: 'backup', until: { kind: 'time', at: at('2026-11-20T06:00:00Z') }, reason: 'disk swap' });

    backupFails('2026-11-20T04:06:00Z');
    await pollAt('2026-11-20T04:07:00Z', service);
    const retried = backupFails('2026-11-20T05:00:00Z'); // retried by hand, failed again
    await pollAt('2026-11-20T05:01:00Z', service);
    expect(notifier.shown).toEqual([]);
    expect(titles('ops')).toEqual([]);
    expect(health(service)).toBe('failed');
    expect(service.snapshot().problems).toContainEqual(expect.objectContaining({ kind: 'failed-run', taskId: 'backup' }));

    await pollAt('2026-11-20T06:01:00Z', service);
    await pollAt('2026-11-20T06:02:00Z', service);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['nightlyBackup failed']); // the failure still open, not the one before
    expect(notifier.shown[0]!.body).toContain(retried.runId);
    expect(notifier.shown[0]!.body).toContain('Held back while muted');
    expect(titles('ops')).toEqual(['nightlyBackup failed']);
    expect(service.routing.mutes()).toEqual([]);
    expect(JSON.parse(readFileSync(join(home.path, 'config.json'), 'utf8')).mutes).toEqual([]); // the expired mute is gone from config
  });

  it('a mute until recovery ends by itself once the task succeeds, saying nothing of what it hid; the next failure is heard', async () => {
    const service = await open();
    await webhook(service, 'ops');
    await service.handlers.updateSettings({ notify: { recovered: true } });
    await pollAt('2026-11-20T03:31:00Z', service);
    await service.routing.mute({ portalId: sim.baseUrl, taskId: null, until: { kind: 'recovery' }, reason: '' });

    backupFails('2026-11-20T04:06:00Z');
    await pollAt('2026-11-20T04:07:00Z', service);
    backupSucceeds('2026-11-20T05:06:00Z');
    await pollAt('2026-11-20T05:07:00Z', service);
    expect(health(service)).toBe('ok');
    expect(JSON.parse(readFileSync(join(home.path, 'config.json'), 'utf8')).mutes).toEqual([]);
    expect(notifier.shown).toEqual([]); // neither the failure nor "succeeded again" for news never told
    expect(titles('ops')).toEqual([]);

    backupFails('2026-11-21T04:06:00Z');
    await pollAt('2026-11-21T04:07:00Z', service);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['nightlyBackup failed']);
    expect(titles('ops')).toEqual(['nightlyBackup failed']);
  });

  it('a maintenance window over a failure that persists: exactly one mail at its end, also across a restart inside it', async () => {
    let service = await open();
    await service.channels.add(
      { name: 'ops-mail', kind: 'email', host: '127.0.0.1', port: servers.mail.port, username: MAIL_USER, from: 'taskwatch@example.com', to: ['gis-admins@example.com'] },
      MAIL_PASSWORD,
    );
    await webhook(service, 'ops');
    // Fridays 05:00-07:00 in Berlin: 04:00-06:00 UTC in November.
    await service.routing.addMaintenance({ portalId: sim.baseUrl, label: 'patching', timeZone: 'Europe/Berlin', when: { kind: 'weekly', days: ['fri'], start: '05:00', end: '07:00' } });
    await pollAt('2026-11-20T03:31:00Z', service);
    const mailsBefore = servers.mail.mails.length;

    backupFails('2026-11-20T04:06:00Z');
    await pollAt('2026-11-20T04:07:00Z', service);
    service = await restart(service);
    await pollAt('2026-11-20T05:30:00Z', service);
    expect(notifier.shown).toEqual([]);
    expect(servers.mail.mails.length).toBe(mailsBefore);
    expect(titles('ops')).toEqual([]);
    expect(health(service)).toBe('failed');

    await pollAt('2026-11-20T06:01:00Z', service);
    await pollAt('2026-11-20T06:30:00Z', service);
    service = await restart(service);
    await pollAt('2026-11-20T06:40:00Z', service);
    const mails = servers.mail.mails.slice(mailsBefore);
    expect(mails.map((sent) => sent.subject)).toEqual(['[Taskwatch] nightlyBackup failed']);
    expect(mails[0]!.text).toContain('Held back during a maintenance window; still open when it closed.');
    expect(titles('ops')).toEqual(['nightlyBackup failed']);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['nightlyBackup failed']);
  });

  it('a failure that recovered inside a maintenance window is never sent, nor its recovery', async () => {
    const service = await open();
    await webhook(service, 'ops');
    await service.handlers.updateSettings({ notify: { recovered: true } });
    await service.routing.addMaintenance({ portalId: sim.baseUrl, label: '', timeZone: 'Europe/Berlin', when: { kind: 'once', start: '2026-11-20T05:00', end: '2026-11-20T07:00' } });
    await pollAt('2026-11-20T03:31:00Z', service);

    backupFails('2026-11-20T04:06:00Z');
    await pollAt('2026-11-20T04:07:00Z', service);
    backupSucceeds('2026-11-20T05:06:00Z');
    await pollAt('2026-11-20T05:07:00Z', service);
    await pollAt('2026-11-20T06:01:00Z', service);
    await pollAt('2026-11-20T07:00:00Z', service);
    expect(notifier.shown).toEqual([]);
    expect(titles('ops')).toEqual([]);
  });

  it('reminds a channel with an interval once per interval while the failure stays open, then tells the recovery to whoever heard it', async () => {
    const service = await open();
    await webhook(service, 'remind', { remindEveryHours: 2 });
    await webhook(service, 'plain');
    await webhook(service, 'critical-only', { minSeverity: 'critical', alertKinds: ['failed-run', 'runs-unreadable'] });
    await pollAt('2026-11-20T03:31:00Z', service);

    backupFails('2026-11-20T04:06:00Z');
    for (const time of ['04:07', '05:07', '06:06', '06:30', '07:30', '08:07']) await pollAt(`2026-11-20T${time}:00Z`, service);
    expect(titles('remind')).toEqual(['nightlyBackup failed', 'Reminder: nightlyBackup failed', 'Reminder: nightlyBackup failed']);
    expect(titles('plain')).toEqual(['nightlyBackup failed']);

    backupSucceeds('2026-11-20T08:30:00Z');
    for (const time of ['08:31', '10:40', '13:00']) await pollAt(`2026-11-20T${time}:00Z`, service);
    expect(titles('remind').slice(3)).toEqual(['nightlyBackup succeeded again']);
    expect(titles('plain')).toEqual(['nightlyBackup failed', 'nightlyBackup succeeded again']);
    expect(titles('critical-only')).toEqual(['nightlyBackup failed']); // recovered is not among its kinds
  });

  it('reminds on the desktop when Settings ask for it, once per interval, and stops once the task succeeded again', async () => {
    const service = await open();
    await service.handlers.updateSettings({ remindEveryHours: 3 });
    await pollAt('2026-11-20T03:31:00Z', service);

    backupFails('2026-11-20T04:06:00Z');
    for (const time of ['04:07', '06:00', '07:08', '09:00', '10:07']) await pollAt(`2026-11-20T${time}:00Z`, service);
    const shown = () => notifier.shown.map((notification) => notification.title);
    expect(shown()).toEqual(['nightlyBackup failed', 'Reminder: nightlyBackup failed', 'Reminder: nightlyBackup failed']);

    backupSucceeds('2026-11-20T10:30:00Z');
    for (const time of ['10:31', '13:10', '16:10']) await pollAt(`2026-11-20T${time}:00Z`, service);
    expect(shown()).toHaveLength(3); // no reminder of what is over (and desktop recovery notices are off by default)
  });

  it('what a window held goes out at its end past a failing and a hanging channel: the others at once, the failing one retried and delivered once', async () => {
    const service = await open();
    await webhook(service, 'ops');
    await webhook(service, 'flaky');
    await webhook(service, 'hangs');
    servers.hooks.answer(hookPath('flaky'), 503);
    servers.hooks.answer(hookPath('hangs'), 'hang');
    await service.routing.addMaintenance({ portalId: sim.baseUrl, label: '', timeZone: 'UTC', when: { kind: 'once', start: '2026-11-20T04:00', end: '2026-11-20T05:00' } });
    await pollAt('2026-11-20T03:31:00Z', service);
    backupFails('2026-11-20T04:06:00Z');
    await pollAt('2026-11-20T04:07:00Z', service);

    await pollAt('2026-11-20T05:01:00Z', service, ['flaky', 'hangs']); // returns while one channel hangs
    expect(titles('ops')).toEqual(['nightlyBackup failed']);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['nightlyBackup failed']);
    await expect.poll(() => service.channels.list().find((channel) => channel.channel.name === 'flaky')?.lastError).toBe('The webhook answered HTTP 503.');

    servers.hooks.answer(hookPath('flaky'), 200);
    clock.advance(MINUTE); // the retry is due
    await expect.poll(() => titles('flaky')).toEqual(['nightlyBackup failed']);
    await pollAt('2026-11-20T05:10:00Z', service, ['hangs']);
    expect(titles('flaky')).toEqual(['nightlyBackup failed']);
    expect(titles('ops')).toEqual(['nightlyBackup failed']);
    expect(servers.hooks.attempts(hookPath('hangs'))).toBe(1);
  });

  it('a portal down through a daily cron window is told once when it closes, with the note; one back up inside the window is never told', async () => {
    const service = await open();
    await webhook(service, 'ops');
    await service.routing.addMaintenance({ portalId: sim.baseUrl, label: 'nightly restart', timeZone: 'UTC', when: { kind: 'cron', cron: '0 0 4 * * ?', durationMinutes: 60 } });
    await pollAt('2026-11-20T03:31:00Z', service);

    backupSucceeds('2026-11-20T04:06:00Z');
    sim.failAlways(() => true, 'reset');
    for (const time of ['04:10', '04:20', '04:30', '04:59']) await pollAt(`2026-11-20T${time}:00Z`, service);
    expect(service.snapshot().portals[0]!.health.status).toBe('unreachable');
    expect(titles('ops')).toEqual([]);
    for (const time of ['05:01', '05:10']) await pollAt(`2026-11-20T${time}:00Z`, service);
    expect(titles('ops')).toEqual([expect.stringMatching(/is unreachable$/)]);
    expect((servers.hooks.received(hookPath('ops')) as Array<{ message: string }>)[0]!.message).toContain('Held back during a maintenance window');

    sim.clearFailures();
    await pollAt('2026-11-20T06:00:00Z', service);
    backupSucceeds('2026-11-21T04:06:00Z');
    sim.failAlways(() => true, 'reset');
    for (const time of ['04:10', '04:20', '04:30']) await pollAt(`2026-11-21T${time}:00Z`, service);
    expect(service.snapshot().portals[0]!.health.status).toBe('unreachable');
    sim.clearFailures();
    for (const time of ['04:40', '05:01', '05:30']) await pollAt(`2026-11-21T${time}:00Z`, service);
    expect(service.snapshot().portals[0]!.health.status).toBe('ok');
    expect(titles('ops')).toHaveLength(1);
    expect(notifier.shown.map((shown) => shown.title)).toEqual([titles('ops')[0]]);
  });
});
