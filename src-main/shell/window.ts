/**
 * The one Taskwatch window. It is created once and hidden rather than closed, so the tray can bring it
 * back instantly and the service keeps a live renderer to push snapshots to.
 */
import { fileURLToPath } from 'node:url';
import { BrowserWindow } from 'electron';
import { encodeEvent, eventChannel, type EventName, type EventPayload } from '../contract/api';
import type { TaskRef } from '../contract/models';
import type { Logger } from '../core/ports';
import { guardNavigation, lockDownSession } from './window-policies';

export interface AppWindowOptions {
  /** From `rendererPageUrl`: the built index.html (file://) or the dev server. */
  pageUrl: string;
  /** The bundled preload, `out/preload/index.cjs`. */
  preloadPath: string;
  /** Show as soon as the page is ready (false when launched at login into the tray). */
  showOnReady: boolean;
  /** Links the page tries to open; the caller routes them through the `openExternal` command. */
  openLink: (url: string) => void;
  logger: Logger;
}

export class AppWindow {
  readonly #window: BrowserWindow;
  #closable = false;

  constructor(options: AppWindowOptions) {
    this.#window = new BrowserWindow({
      width: 1200,
      height: 780,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Taskwatch',
      webPreferences: {
        preload: options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    const contents = this.#window.webContents;
    guardNavigation(contents, options.pageUrl, options.openLink);
    lockDownSession(contents.session);

    // Closing only hides: Taskwatch keeps watching from the tray until the user picks Quit.
    this.#window.on('close', (event) => {
      if (this.#closable) return;
      event.preventDefault();
      this.#window.hide();
    });
    if (options.showOnReady) this.#window.once('ready-to-show', () => this.show());

    const page = new URL(options.pageUrl);
    const loading = page.protocol === 'file:' ? this.#window.loadFile(fileURLToPath(page)) : this.#window.loadURL(page.href);
    loading.catch((error: unknown) => options.logger.log('error', 'The window could not load its page', { error: String(error) }));
  }

  /** The BrowserWindow, e.g. to parent a dialog; null once destroyed. */
  get native(): BrowserWindow | null {
    return this.#window.isDestroyed() ? null : this.#window;
  }

  /** The contents whose top frame may call commands (see trusted-sender.ts); null once destroyed. */
  get contents() {
    return this.native?.webContents ?? null;
  }

  show(): void {
    if (this.#window.isDestroyed()) return;
    if (this.#window.isMinimized()) this.#window.restore();
    this.#window.show();
    this.#window.focus();
  }

  /** Brings the window up on one task's run history (a notification or a tray item was clicked). */
  showTask(ref: TaskRef): void {
    this.show();
    const contents = this.contents;
    if (!contents) return;
    // A window started hidden at login may still be loading: a message sent now would be lost.
    if (contents.isLoading()) contents.once('did-finish-load', () => this.send('navigate', ref));
    else this.send('navigate', ref);
  }

  /** Pushes an event to the page in its wire form if it is still there; pushes to a dead window, and payloads outside the contract, are dropped. */
  send<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const contents = this.contents;
    const wire = encodeEvent(event, payload);
    if (wire !== undefined && contents && !contents.isDestroyed()) contents.send(eventChannel(event), wire);
  }

  /** Called on Quit: from now on `close` really closes. */
  allowClose(): void {
    this.#closable = true;
  }
}
