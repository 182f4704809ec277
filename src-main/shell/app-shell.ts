/**
 * The app's lifecycle around the core service: one instance, one window (hidden when launched at
 * login), the tray, IPC, start-at-login, and a Quit that saves state exactly once before exiting.
 */
import { app, dialog } from 'electron';
import type { Snapshot } from '../contract/models';
import type { OwnerControl } from '../cli/owner-control';
import type { Clock, Logger, NotificationTarget } from '../core/ports';
import { HOME_IN_USE_EXIT_CODE, HomeInUseError, lockHome, type HomeLock } from '../core/store/home-lock';
import { installAppMenu } from './app-menu';
import { dispatchCommand } from '../core/dispatch';
import { registerIpc } from './ipc';
import { applyStartAtLogin, wasLaunchedAtLogin } from './login-item';
import type { ShellService } from './shell-service';
import { trayActionsFor } from './tray-actions';
import { TrayService, type TrayServiceOptions } from './tray';
import { trayStateOf } from './tray-state';
import { AppWindow } from './window';

/** Windows ties toasts and taskbar grouping to this id; the notifier must use the same one. */
export const APP_USER_MODEL_ID = 'com.taskwatch.app';

/** How long Quit waits for the service to save before exiting anyway. */
export const STOP_TIMEOUT_MS = 5_000;

export interface ShellOptions<S extends ShellService = ShellService> {
  platform: NodeJS.Platform;
  /** The folder with config, state and logs: owned by this app while it runs (see core/store/home-lock). */
  home: string;
  argv: readonly string[];
  pageUrl: string;
  preloadPath: string;
  iconDir: string;
  logger: Logger;
  clock: Clock;
  /** Builds the service; `show` is what a notification click should call. */
  createService(show: (target: NotificationTarget) => void): Promise<S>;
  /**
   * Opens the door through which `taskwatch mute`, `unmute` and `maintenance` reach the running app, as they
   * reach `watch` and `serve` (cli/owner-control.ts), closed when the app quits; null when it cannot be
   * opened (the CLI then asks to use the window).
   */
  acceptCommandLine?(service: S): Promise<OwnerControl | null>;
  createTray?: TrayServiceOptions['createTray'];
}

export interface RunningShell {
  window: AppWindow;
  tray: TrayService;
  service: ShellService;
}

/**
 * Returns null when another Taskwatch is already running: another app (that one gets focused instead),
 * or a `taskwatch watch` or `serve` on the same home (then this one says so and exits with code 5).
 */
export async function runShell<S extends ShellService>(options: ShellOptions<S>): Promise<RunningShell | null> {
  const { platform, logger } = options;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const homeLock = await ownHome(options.home, logger);
  if (!homeLock) return null;
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  let window: AppWindow | null = null;
  let showWhenCreated = !wasLaunchedAtLogin(platform, options.argv);
  // Before the window exists (still starting), a request to show it just means "show it when created".
  const showWindow = () => {
    if (window) window.show();
    else showWhenCreated = true;
  };
  const showTarget = ({ portalId, taskId }: NotificationTarget) => {
    if (window && taskId) window.showTask({ portalId, taskId });
    else showWindow();
  };
  // A second launch (e.g. from the app launcher) means "show me the window".
  app.on('second-instance', showWindow);

  await app.whenReady();
  installAppMenu(platform);
  const service = await options.createService(showTarget);
  const appWindow = new AppWindow({
    pageUrl: options.pageUrl,
    preloadPath: options.preloadPath,
    showOnReady: showWhenCreated,
    openLink: (url) => void openLink(service, url, logger),
    logger,
  });
  window = appWindow;
  app.on('activate', () => appWindow.show());
  registerIpc({ service, window: appWindow, pageUrl: options.pageUrl, logger });

  const tray = new TrayService({
    iconDir: options.iconDir,
    platform,
    clock: options.clock,
    actions: trayActionsFor({ service, window: appWindow, quit: () => app.quit(), logger }),
    createTray: options.createTray,
  });
  let commandLine: OwnerControl | null = null;
  handleQuit(service, appWindow, tray, logger, () => commandLine?.close());

  const syncLoginItem = loginItemSync(platform, logger);
  let started = false;
  const onSnapshot = (snapshot: Snapshot) => {
    tray.update(trayStateOf(snapshot));
    // Before start() the settings are defaults, not the user's: don't let them touch the login item.
    if (started) syncLoginItem(snapshot.settings.startAtLogin);
  };
  service.onEvent('snapshot', onSnapshot);
  onSnapshot(service.snapshot());
  try {
    await service.start();
  } catch (error) {
    logger.log('error', 'The Taskwatch service did not start', { error: String(error) });
  }
  started = true;
  onSnapshot(service.snapshot());
  commandLine = (await options.acceptCommandLine?.(service)) ?? null;
  return { window: appWindow, tray, service };
}

/** The app's single-instance lock covers other apps; this one also covers `taskwatch watch`. */
async function ownHome(home: string, logger: Logger): Promise<HomeLock | null> {
  try {
    const lock = await lockHome(home, {
      what: 'the Taskwatch app',
      // Another Taskwatch took the home while this app was stalled: it is the owner now, so this one yields.
      onCompromised: (error) => {
        logger.log('error', 'Another Taskwatch took over this home; quitting', { error: error.message });
        app.exit(HOME_IN_USE_EXIT_CODE);
      },
    });
    app.on('will-quit', () => void lock.release());
    return lock;
  } catch (error) {
    if (!(error instanceof HomeInUseError)) throw error;
    logger.log('error', error.message);
    await app.whenReady();
    dialog.showErrorBox('Taskwatch is already running', `${error.message}\nStop it first, then start the app again.`);
    app.exit(HOME_IN_USE_EXIT_CODE);
    return null;
  }
}

/** A link clicked in the page: the service opens it only if it is one of the portals' pages. */
async function openLink(service: ShellService, url: string, logger: Logger): Promise<void> {
  const result = await dispatchCommand(service.handlers, 'openExternal', { url }, logger);
  if (!result.ok) logger.log('warn', 'A link from the window was not opened', { code: result.error.code, reason: result.error.message });
}

/** Applies start-at-login when the setting differs from what was last applied, one change at a time. */
function loginItemSync(platform: NodeJS.Platform, logger: Logger): (enabled: boolean) => void {
  let applied: boolean | null = null;
  let queue = Promise.resolve();
  return (enabled) => {
    if (enabled === applied) return;
    applied = enabled;
    queue = queue
      .then(() => applyStartAtLogin(enabled, platform, logger))
      .catch((error: unknown) => logger.log('error', 'Could not change start at login', { error: String(error) }));
  };
}

/**
 * Quit (tray, app menu, OS) closes the command line's door (no new change arrives while saving) and stops
 * the service so state is saved, then exits. Further quit requests while stopping are absorbed, so
 * the service is stopped exactly once.
 */
function handleQuit(service: ShellService, window: AppWindow, tray: TrayService, logger: Logger, closeCommandLine: () => Promise<void> | undefined): void {
  let stopping = false;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    window.allowClose();
    // It stops taking command lines at once; one already being carried out ends as the service saves.
    void Promise.resolve(closeCommandLine()).catch((error: unknown) => logger.log('warn', 'The command-line door did not close cleanly', { error: String(error) }));
    void withTimeout(service.stop(), STOP_TIMEOUT_MS)
      .catch((error: unknown) => logger.log('error', 'The service did not stop cleanly', { error: String(error) }))
      .finally(() => {
        stopped = true;
        tray.destroy();
        app.quit();
      });
  });
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still saving after ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
