import { beforeEach, describe, expect, it, vi } from 'vitest';
import { commandChannel, commands } from '../../src-main/contract/api';
import { registerIpc, UNTRUSTED_SENDER_MESSAGE } from '../../src-main/shell/ipc';
import { AppWindow } from '../../src-main/shell/window';
import { FakeFrame, FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';
import { FakeService, recordingLogger } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const pageUrl = 'file:///opt/taskwatch/out/renderer/index.html';
const HOOK = 'https://hooks.example.com/services/T000/B000/s3cr3t-hook';

function setUp() {
  const service = new FakeService();
  const window = new AppWindow({ pageUrl, preloadPath: '/opt/taskwatch/out/preload/index.cjs', showOnReady: false, openLink: () => {}, logger: recordingLogger() });
  const contents = window.contents as unknown as FakeWebContents;
  const logger = recordingLogger();
  registerIpc({ service, window, pageUrl, logger });
  const invoke = (command: keyof typeof commands, input: unknown, event = { sender: contents, senderFrame: contents.mainFrame }) =>
    ipcMain.handlers.get(commandChannel(command))!(event, input);
  return { service, contents, logger, invoke };
}

const webhook = { name: 'ops-hook', kind: 'webhook' };

describe('IPC for channels, mutes and maintenance windows', () => {
  beforeEach(() => resetFakeElectron());

  it('hands a channel and its secret to the core, with the defaults filled in', async () => {
    const { invoke, service } = setUp();
    await expect(invoke('saveChannel', { channel: webhook, secret: HOOK })).resolves.toMatchObject({ ok: true });
    expect(service.handlers.saveChannel).toHaveBeenCalledWith({
      channel: { ...webhook, alertKinds: expect.arrayContaining(['failed-run', 'recovered']), minSeverity: 'info', remindEveryHours: null },
      secret: HOOK,
    });
  });

  it.each([
    ['a webhook URL that is not http(s)', { channel: webhook, secret: 'file:///etc/passwd' }, 'secret: Enter the webhook URL'],
    ['a channel name with a slash', { channel: { ...webhook, name: '../keychain' }, secret: HOOK }, 'channel'],
    ['an email channel without recipients', { channel: { name: 'mail', kind: 'email', host: 'smtp.example.com', port: 587, from: 'tw@example.com', to: [] }, secret: null }, 'channel'],
    ['a mute of nothing', { portalId: '', until: { kind: 'recovery' } }, 'portalId'],
    ['a mute until an unknown kind of end', { portalId: 'p', until: { kind: 'forever' } }, 'until'],
    ['a maintenance window in an unknown zone', { portalId: 'p', timeZone: 'Mars/Olympus', when: { kind: 'weekly', days: ['sat'], start: '22:00', end: '02:00' } }, 'Unknown time zone'],
    ['a maintenance window at 25:00', { portalId: 'p', timeZone: 'UTC', when: { kind: 'weekly', days: ['sat'], start: '25:00', end: '02:00' } }, 'HH:MM'],
  ])('refuses %s as invalid-input, without calling the core', async (_case, input, says) => {
    const { invoke, service } = setUp();
    const command = 'channel' in input ? 'saveChannel' : 'when' in input ? 'addMaintenance' : 'mute';
    const result = await invoke(command, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(says) } });
    expect(service.handlers[command]).not.toHaveBeenCalled();
  });

  it('never names the refused secret in the error', async () => {
    const { invoke } = setUp();
    const result = (await invoke('saveChannel', { channel: webhook, secret: 'ftp://user:pa55word@example.com/s3cr3t' })) as { error: { message: string } };
    expect(result.error.message).not.toMatch(/pa55word|s3cr3t/);
  });

  it.each([
    ['saveChannel', { channel: webhook, secret: HOOK }],
    ['testChannel', { name: 'ops-hook' }],
    ['removeChannel', { name: 'ops-hook' }],
    ['mute', { portalId: 'https://gis.example.com/portal', taskId: 't', until: { kind: 'recovery' } }],
    ['unmute', { id: 'm1' }],
    ['addMaintenance', { portalId: 'https://gis.example.com/portal', timeZone: 'UTC', when: { kind: 'cron', cron: '0 0 2 ? * SUN', durationMinutes: 60 } }],
    ['removeMaintenance', { id: 'w1' }],
    ['getRouting', {}],
  ] as const)('refuses %s from a page that navigated elsewhere', async (command, input) => {
    const { invoke, contents, service, logger } = setUp();
    const result = await invoke(command, input, { sender: contents, senderFrame: new FakeFrame('https://evil.example.com/') });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: UNTRUSTED_SENDER_MESSAGE } });
    expect(service.handlers[command]).not.toHaveBeenCalled();
    expect(logger.lines[0]).toMatchObject({ level: 'warn', fields: { command } });
    expect(JSON.stringify(logger.lines)).not.toContain('s3cr3t');
  });

  it('answers the routing without any secret field the core might have added', async () => {
    const { invoke, service } = setUp();
    service.routing = {
      channels: [{ channel: { name: 'ops-hook', kind: 'webhook', alertKinds: ['failed-run'], minSeverity: 'critical', remindEveryHours: null }, waiting: 0, lastError: null, nextAttemptAt: null, undelivered: [] }],
      mutes: [],
      maintenance: [],
    };
    (service.routing.channels[0]!.channel as Record<string, unknown>).url = HOOK;
    const result = await invoke('getRouting', {});
    expect(result).toMatchObject({ ok: true });
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
  });
});
