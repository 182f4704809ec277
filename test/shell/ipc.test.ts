import { beforeEach, describe, expect, it, vi } from 'vitest';
import { commandChannel, commands, eventChannel } from '../../src-main/contract/api';
import { registerIpc, UNTRUSTED_SENDER_MESSAGE } from '../../src-main/shell/ipc';
import { AppWindow } from '../../src-main/shell/window';
import { FakeFrame, FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';
import { FakeService, recordingLogger, snapshotWith } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const pageUrl = 'file:///opt/taskwatch/out/renderer/index.html';

/** Electron's accessors throw once the render frame is gone. */
function disposedFrame() {
  return Object.defineProperty(new FakeFrame(pageUrl), 'url', {
    get() {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
  });
}

function setUp() {
  const service = new FakeService();
  const window = new AppWindow({ pageUrl, preloadPath: '/opt/taskwatch/out/preload/index.cjs', showOnReady: false, openLink: () => {}, logger: recordingLogger() });
  const contents = window.contents as unknown as FakeWebContents;
  const logger = recordingLogger();
  const dispose = registerIpc({ service, window, pageUrl, logger });
  const invoke = (command: keyof typeof commands, input: unknown, event = { sender: contents, senderFrame: contents.mainFrame }) =>
    ipcMain.handlers.get(commandChannel(command))!(event, input);
  return { service, window, contents, logger, dispose, invoke };
}

describe('IPC', () => {
  beforeEach(() => resetFakeElectron());

  it('registers one handler per contract command and removes them all on dispose', () => {
    const { dispose } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(commands).map((name) => commandChannel(name as never)).sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers the window’s own page with the handler’s value', async () => {
    const { invoke, service } = setUp();
    await expect(invoke('testPortal', { url: 'https://gis.example.com/portal', username: 'a', password: 'p' })).resolves.toEqual({ ok: true, value: { taskCount: 3 } });
    expect(service.handlers.testPortal).toHaveBeenCalledOnce();
  });

  it('answers a bad payload with invalid-input naming the field, without calling the handler', async () => {
    const { invoke, service } = setUp();
    const result = await invoke('setTaskEnabled', { portalId: 'p', taskId: 't', enabled: 'yes' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('enabled:') } });
    expect(service.handlers.setTaskEnabled).not.toHaveBeenCalled();
  });

  it.each([
    ['a page that navigated elsewhere', (c: FakeWebContents) => ({ sender: c, senderFrame: new FakeFrame('https://evil.example.com/') })],
    ['another file on disk', (c: FakeWebContents) => ({ sender: c, senderFrame: new FakeFrame('file:///tmp/evil.html') })],
    ['a subframe of our page', (c: FakeWebContents) => ({ sender: c, senderFrame: new FakeFrame(pageUrl, c.mainFrame) })],
    ['another window showing our page', () => ({ sender: new FakeWebContents(pageUrl), senderFrame: new FakeFrame(pageUrl) })],
    ['a frame that is gone', (c: FakeWebContents) => ({ sender: c, senderFrame: null })],
    ['a frame disposed meanwhile', (c: FakeWebContents) => ({ sender: c, senderFrame: disposedFrame() })],
  ])('refuses %s and leaves the handler alone', async (_case, eventFor) => {
    const { invoke, contents, service, logger } = setUp();
    const result = await invoke('removePortal', { id: 'https://gis.example.com/portal' }, eventFor(contents) as never);
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: UNTRUSTED_SENDER_MESSAGE } });
    expect(service.handlers.removePortal).not.toHaveBeenCalled();
    expect(logger.lines[0]).toMatchObject({ level: 'warn', fields: { command: 'removePortal' } });
  });

  it('accepts our page with a route in the hash', async () => {
    const { invoke, contents } = setUp();
    const result = await invoke('pollNow', {}, { sender: contents, senderFrame: new FakeFrame(`${pageUrl}#/history`) });
    expect(result).toEqual({ ok: true, value: null });
  });

  it('pushes each snapshot to the window, and stops once the window is gone or disposed', () => {
    const { service, contents, dispose } = setUp();
    service.push(snapshotWith({ revision: 7 }));
    expect(contents.sent).toEqual([{ channel: eventChannel('snapshot'), payload: expect.objectContaining({ revision: 7 }) }]);
    contents.destroyed = true;
    service.push(snapshotWith({ revision: 8 }));
    expect(contents.sent).toHaveLength(1);
    dispose();
    expect(service.listeners.size).toBe(0);
  });
});
