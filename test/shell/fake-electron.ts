/**
 * Small stand-ins for the parts of Electron the shell uses (Electron cannot run on this machine). Each
 * test file mocks 'electron' with this module: `vi.mock('electron', () => import('./fake-electron'))`.
 * They keep what the shell did (options, handlers, sent messages) so tests can assert on behaviour.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault() {
    this.defaultPrevented = true;
  }
}

export class FakeSession {
  permissionRequestHandler: ((...args: any[]) => void) | null = null;
  permissionCheckHandler: ((...args: any[]) => boolean) | null = null;
  headersReceived: ((details: any, callback: (response: any) => void) => void) | null = null;
  setPermissionRequestHandler(handler: any) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: any) {
    this.permissionCheckHandler = handler;
  }
  webRequest = { onHeadersReceived: (handler: any) => void (this.headersReceived = handler) };
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  loading = false;
  destroyed = false;
  constructor(url: string) {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: any) {
    this.windowOpenHandler = handler;
  }
  isLoading() {
    return this.loading;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getFocusedWindow = () => BrowserWindow.instances.find((w) => w.focused) ?? null;
  readonly webContents = new FakeWebContents('about:blank');
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  loaded: { file?: string; url?: string } = {};
  constructor(readonly options: any) {
    super();
    BrowserWindow.instances.push(this);
  }
  async loadFile(file: string) {
    this.loaded = { file };
    this.webContents.mainFrame.url = `file://${file}`;
  }
  async loadURL(url: string) {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Like the user clicking the window's close button. */
  close() {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeMenu {
  constructor(readonly items: any[]) {}
  getMenuItemById(id: string) {
    return this.items.find((item) => item.id === id) ?? null;
  }
}

export const Menu = {
  buildFromTemplate: vi.fn((template: any[]) => new FakeMenu(template)),
  setApplicationMenu: vi.fn(),
};

export class FakeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(template: boolean) {
    this.template = template;
  }
}

export const nativeImage = { createFromPath: (path: string) => new FakeImage(path) };

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public image: FakeImage) {
    super();
    Tray.instances.push(this);
  }
  setImage(image: FakeImage) {
    this.image = image;
  }
  setToolTip(tooltip: string) {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: FakeMenu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  gotLock = true;
  isPackaged = false;
  wasOpenedAtLogin = false;
  quitCount = 0;
  exited = false;
  readonly loginItemCalls: unknown[] = [];
  readonly appUserModelIds: string[] = [];
  requestSingleInstanceLock() {
    return this.gotLock;
  }
  whenReady() {
    return Promise.resolve();
  }
  /** Like Electron: before-quit may be prevented; otherwise the app goes on to exit. */
  quit() {
    this.quitCount += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', new FakeEvent());
    this.exited = true;
  }
  exitCode: number | undefined = undefined;
  exit(code?: number) {
    this.exited = true;
    this.exitCode = code;
  }
  getLoginItemSettings() {
    return { wasOpenedAtLogin: this.wasOpenedAtLogin, openAtLogin: false };
  }
  setLoginItemSettings(settings: unknown) {
    this.loginItemCalls.push(settings);
  }
  setAppUserModelId(id: string) {
    this.appUserModelIds.push(id);
  }
  getPath(name: string) {
    return `/fake/${name}`;
  }
  getAppPath() {
    return '/fake/app';
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, (event: any, ...args: unknown[]) => unknown>(),
  handle(channel: string, handler: any) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null }));
}
export const ipcRenderer = new FakeIpcRenderer();

export const shell = { openExternal: vi.fn(async (_url: string) => {}) };
export const dialog = { showSaveDialog: vi.fn(), showErrorBox: vi.fn() };

/** Back to a fresh Electron between tests. */
export function resetFakeElectron(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  app.removeAllListeners();
  Object.assign(app, { gotLock: true, isPackaged: false, wasOpenedAtLogin: false, quitCount: 0, exited: false, exitCode: undefined });
  app.loginItemCalls.length = 0;
  app.appUserModelIds.length = 0;
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
}
