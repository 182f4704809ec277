import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannel } from '../../src-main/contract/api';
import { systemClock, type NotificationTarget } from '../../src-main/core/ports';
import { APP_USER_MODEL_ID, runShell, STOP_TIMEOUT_MS } from '../../src-main/shell/app-shell';
import { TaskwatchError } from '../../src-main/core/errors';
import { lockHome } from '../../src-main/core/store/home-lock';
import { BrowserWindow, FakeEvent, Tray, app, dialog, resetFakeElectron } from './fake-electron';
import { FakeService, PACKAGED_APP_FILES, portalView, recordingLogger, snapshotWith, taskSummary } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

/** Each launch owns its home: a home stays locked by this process until its fake app quits. */
const freshHome = () => mkdtempSync(join(tmpdir(), 'taskwatch-shell-'));

async function launch(options: { platform?: NodeJS.Platform; argv?: string[]; home?: string } = {}) {
  const service = new FakeService();
  let notificationClick: ((target: NotificationTarget) => void) | undefined;
  const logger = recordingLogger();
  const shell = await runShell({
    platform: options.platform ?? 'linux',
    home: options.home ?? freshHome(),
    argv: options.argv ?? ['/opt/Taskwatch/taskwatch'],
    ...PACKAGED_APP_FILES,
    logger,
    clock: systemClock,
    createService: async (show) => {
      notificationClick = show;
      return service;
    },
  });
  const native = BrowserWindow.instances[0];
  native?.emit('ready-to-show');
  const trayItem = (id: string) => Tray.instances[0]!.menu!.getMenuItemById(id);
  return { shell, service, native: native!, logger, trayItem, clickNotification: (t: NotificationTarget) => notificationClick!(t) };
}

describe('app lifecycle', () => {
  beforeEach(() => resetFakeElectron());
  afterEach(() => vi.useRealTimers());

  it('a second copy quits at once and creates nothing', async () => {
    app.gotLock = false;
    const { shell } = await launch();
    expect(shell).toBeNull();
    expect(app.quitCount).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('refuses to start, saying who holds it, on a home a `taskwatch watch` owns; starts once that one let go', async () => {
    const home = freshHome();
    const watch = await lockHome(home, { what: 'taskwatch watch' });
    const refused = await launch({ home });
    expect(refused.shell).toBeNull();
    expect(refused.service.start).not.toHaveBeenCalled();
    expect(app.exitCode).toBe(5);
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Taskwatch is already running', expect.stringContaining(`taskwatch watch, pid ${process.pid}`));

    await watch.release();
    resetFakeElectron();
    const started = await launch({ home });
    expect(started.service.start).toHaveBeenCalledOnce();
    await expect(lockHome(home, { what: 'taskwatch watch' })).rejects.toThrow(/in use by another Taskwatch \(the Taskwatch app, pid/);
    app.quit();
    await vi.waitFor(() => expect(app.exited).toBe(true));
  });

  it('a second launch brings the existing window to the front', async () => {
    const { native } = await launch();
    native.close();
    expect(native.visible).toBe(false);
    app.emit('second-instance', {}, ['/opt/Taskwatch/taskwatch'], '/');
    expect(native.visible && native.focused).toBe(true);
  });

  it('a normal launch opens the window and starts the service', async () => {
    const { native, service } = await launch();
    expect(native.visible).toBe(true);
    expect(service.start).toHaveBeenCalledOnce();
  });

  it.each([
    ['linux', ['/opt/Taskwatch/taskwatch', '--hidden'], false],
    ['win32', ['C:\\Taskwatch\\Taskwatch.exe', '--hidden'], false],
    ['darwin', ['/Applications/Taskwatch.app/Contents/MacOS/Taskwatch'], true],
  ] as const)('launched at login on %s, it starts in the tray with the window hidden', async (platform, argv, macLogin) => {
    app.wasOpenedAtLogin = macLogin;
    const { native, service } = await launch({ platform, argv: [...argv] });
    expect(native.visible).toBe(false);
    expect(Tray.instances).toHaveLength(1);
    expect(service.start).toHaveBeenCalledOnce();
  });

  it('closing the window hides it; Taskwatch keeps running', async () => {
    const { native, service } = await launch();
    native.close();
    expect(native.visible).toBe(false);
    expect(native.destroyed).toBe(false);
    expect(app.exited).toBe(false);
    expect(service.stop).not.toHaveBeenCalled();
  });

  it('Quit saves state exactly once, then exits, however often it is asked', async () => {
    const { native, service, trayItem } = await launch();
    let finishStop!: () => void;
    service.stop.mockImplementationOnce(() => new Promise<void>((resolve) => (finishStop = resolve)));
    trayItem('quit').click();
    trayItem('quit').click();
    app.quit(); // e.g. Cmd+Q from the app menu while saving
    expect(service.stop).toHaveBeenCalledOnce();
    expect(app.exited).toBe(false);

    finishStop();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(service.stop).toHaveBeenCalledOnce();
    expect(Tray.instances[0]!.destroyed).toBe(true);
    native.close();
    expect(native.destroyed).toBe(true);
  });

  it('Quit exits even when saving hangs, after a time limit', async () => {
    vi.useFakeTimers();
    const { service, logger } = await launch();
    service.stop.mockImplementationOnce(() => new Promise<void>(() => {}));
    app.quit();
    await vi.advanceTimersByTimeAsync(STOP_TIMEOUT_MS - 1);
    expect(app.exited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.exited).toBe(true);
    expect(logger.lines.some((l) => l.message === 'The service did not stop cleanly')).toBe(true);
  });

  it('clicking a notification opens that task’s history', async () => {
    const { native, clickNotification } = await launch({ argv: ['taskwatch', '--hidden'] });
    clickNotification({ portalId: 'https://gis.example.com/portal', taskId: 'task-1' });
    expect(native.visible).toBe(true);
    expect(native.webContents.sent).toContainEqual({ channel: eventChannel('navigate'), payload: { portalId: 'https://gis.example.com/portal', taskId: 'task-1' } });
    native.close();
    clickNotification({ portalId: 'https://gis.example.com/portal' });
    expect(native.visible).toBe(true);
  });

  it('links clicked in the window go through the openExternal command (the service’s allow-list)', async () => {
    const { native, service, logger } = await launch();
    native.webContents.emit('will-navigate', new FakeEvent('https://gis.example.com/portal/home/item.html?id=1'));
    await vi.waitFor(() => expect(service.handlers.openExternal).toHaveBeenCalledWith({ url: 'https://gis.example.com/portal/home/item.html?id=1' }));

    service.handlers.openExternal.mockRejectedValueOnce(new TaskwatchError('forbidden', 'Taskwatch only opens pages of the portals configured in it.'));
    native.webContents.windowOpenHandler!({ url: 'https://elsewhere.example.com/' });
    await vi.waitFor(() => expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'A link from the window was not opened', fields: expect.objectContaining({ code: 'forbidden' }) })));
  });

  it('each snapshot updates the tray and reaches the window', async () => {
    const { service, native } = await launch();
    service.push(snapshotWith({ revision: 9, portals: [portalView()], tasks: [taskSummary({ health: 'failed' })] }));
    expect(Tray.instances[0]!.tooltip).toBe('Taskwatch — 1 failed');
    expect(Tray.instances[0]!.image.path).toBe('/opt/Taskwatch/resources/tray/failed-32.png');
    expect(native.webContents.sent.at(-1)).toEqual({ channel: eventChannel('snapshot'), payload: expect.objectContaining({ revision: 9 }) });
  });

  it('on Windows, sets the AppUserModelID and registers start at login with --hidden when the setting changes', async () => {
    app.isPackaged = true;
    const { service } = await launch({ platform: 'win32', argv: ['Taskwatch.exe'] });
    expect(app.appUserModelIds).toEqual([APP_USER_MODEL_ID]);
    await vi.waitFor(() => expect(app.loginItemCalls).toEqual([{ openAtLogin: false, args: ['--hidden'] }]));

    const on = snapshotWith();
    on.settings.startAtLogin = true;
    service.push(on);
    service.push({ ...on, revision: 2 });
    await vi.waitFor(() => expect(app.loginItemCalls).toHaveLength(2));
    expect(app.loginItemCalls[1]).toEqual({ openAtLogin: true, args: ['--hidden'] });
  });

  it('leaves the login item alone before the user’s settings are loaded, and in development builds', async () => {
    app.isPackaged = true;
    const service = new FakeService();
    const on = snapshotWith();
    on.settings.startAtLogin = true;
    service.start.mockImplementationOnce(async () => service.push(on));
    await runShell({
      platform: 'darwin', home: freshHome(), argv: [], pageUrl: 'file:///a/index.html', preloadPath: '/a/p.cjs', iconDir: '/i',
      logger: recordingLogger(), clock: systemClock, createService: async () => service,
    });
    await vi.waitFor(() => expect(app.loginItemCalls).toEqual([{ openAtLogin: true }]));

    resetFakeElectron();
    const dev = await launch({ platform: 'win32' });
    dev.service.push(on);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(app.loginItemCalls).toEqual([]);
    expect(dev.logger.lines.some((l) => l.message.includes('only registered by the installed app'))).toBe(true);
  });

  it('keeps running (and says why in the log) when the service fails to start', async () => {
    const service = new FakeService();
    service.start.mockRejectedValueOnce(new Error('config.json is not JSON'));
    const logger = recordingLogger();
    const shell = await runShell({
      platform: 'linux', home: freshHome(), argv: [], pageUrl: 'file:///a/index.html', preloadPath: '/a/p.cjs', iconDir: '/i',
      logger, clock: systemClock, createService: async () => service,
    });
    expect(shell).not.toBeNull();
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'The Taskwatch service did not start' }));
  });
});
