import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeEvent, eventChannel, events } from '../../src-main/contract/api';
import { rendererPageUrl } from '../../src-main/shell/renderer-page';
import { AppWindow } from '../../src-main/shell/window';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/window-policies';
import { BrowserWindow, FakeEvent, resetFakeElectron } from './fake-electron';
import { recordingLogger, snapshotWith, taskSummary } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const pageUrl = rendererPageUrl('/opt/taskwatch/out', undefined);

function open(options: { showOnReady?: boolean; pageUrl?: string } = {}) {
  const openLink = vi.fn();
  const window = new AppWindow({
    pageUrl: options.pageUrl ?? pageUrl,
    preloadPath: '/opt/taskwatch/out/preload/index.cjs',
    showOnReady: options.showOnReady ?? true,
    openLink,
    logger: recordingLogger(),
  });
  const native = BrowserWindow.instances.at(-1)!;
  return { window, native, contents: native.webContents, openLink };
}

describe('the Taskwatch window', () => {
  beforeEach(() => resetFakeElectron());

  it('runs the page isolated and sandboxed, with only the bundled preload', () => {
    const { native } = open();
    expect(native.options.webPreferences).toEqual({
      preload: '/opt/taskwatch/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('loads the built page from disk, or the dev server when one is given', () => {
    expect(open().native.loaded).toEqual({ file: '/opt/taskwatch/out/renderer/index.html' });
    const dev = open({ pageUrl: rendererPageUrl('/opt/taskwatch/out', 'http://localhost:5173') }).native;
    expect(dev.loaded).toEqual({ url: 'http://localhost:5173/' });
  });

  it('keeps the window on our page and hands external links to openLink', () => {
    const { contents, openLink } = open();
    const external = new FakeEvent('https://evil.example.com/phish');
    contents.emit('will-navigate', external);
    expect(external.defaultPrevented).toBe(true);
    expect(openLink).toHaveBeenCalledWith('https://evil.example.com/phish');

    const otherFile = new FakeEvent('file:///etc/passwd');
    contents.emit('will-navigate', otherFile);
    expect(otherFile.defaultPrevented).toBe(true);

    const ownRoute = new FakeEvent(`${pageUrl}#/settings`);
    contents.emit('will-navigate', ownRoute);
    expect(ownRoute.defaultPrevented).toBe(false);
  });

  it('denies window.open, routing the URL through openLink instead', () => {
    const { contents, openLink } = open();
    expect(contents.windowOpenHandler!({ url: 'https://gis.example.com/portal/home' })).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('https://gis.example.com/portal/home');
  });

  it('refuses every permission the page asks for', () => {
    const { contents } = open();
    const callback = vi.fn();
    contents.session.permissionRequestHandler!(contents, 'notifications', callback, {});
    contents.session.permissionRequestHandler!(contents, 'media', callback, {});
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(contents.session.permissionCheckHandler!(contents, 'clipboard-read', 'file://', {})).toBe(false);
  });

  it('adds the same Content-Security-Policy header as the page’s meta tag', () => {
    const { contents } = open();
    const callback = vi.fn();
    contents.session.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const html = readFileSync(join(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    expect(/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('shows itself when ready, unless started into the tray', () => {
    const shown = open({ showOnReady: true }).native;
    shown.emit('ready-to-show');
    expect(shown.visible).toBe(true);
    const hidden = open({ showOnReady: false }).native;
    hidden.emit('ready-to-show');
    expect(hidden.visible).toBe(false);
  });

  it('hides instead of closing, until Quit allows it', () => {
    const { window, native } = open();
    native.emit('ready-to-show');
    native.close();
    expect(native.destroyed).toBe(false);
    expect(native.visible).toBe(false);
    window.allowClose();
    native.close();
    expect(native.destroyed).toBe(true);
    expect(window.contents).toBeNull();
  });

  it('opens a task’s history: shows, focuses and sends navigate, after the page has loaded', () => {
    const { window, native, contents } = open({ showOnReady: false });
    contents.loading = true;
    window.showTask({ portalId: 'p1', taskId: 't1' });
    expect(native.visible && native.focused).toBe(true);
    expect(contents.sent).toEqual([]);
    contents.loading = false;
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([{ channel: eventChannel('navigate'), payload: { portalId: 'p1', taskId: 't1' } }]);
    window.showTask({ portalId: 'p1', taskId: 't2' });
    expect(contents.sent).toHaveLength(2);
  });

  it('pushes the snapshot in its wire form, and nothing outside the contract', () => {
    const { window, contents } = open({ showOnReady: false });
    const snapshot = snapshotWith({ tasks: [taskSummary()] });
    window.send('snapshot', snapshot);
    expect(contents.sent).toEqual([{ channel: eventChannel('snapshot'), payload: encodeEvent('snapshot', snapshot) }]);
    expect(events.snapshot.parse(contents.sent[0]!.payload)).toEqual(snapshot);
    window.send('navigate', { portalId: '', taskId: 't1' });
    expect(contents.sent).toHaveLength(1);
  });
});
