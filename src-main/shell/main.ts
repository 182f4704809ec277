/**
 * The Electron entry: picks the folders, builds the real adapters and the core service, and hands them
 * to the shell. Everything with behaviour lives in app-shell.ts and its neighbours.
 */
import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { DesktopNotifier } from '../adapters/desktop-notifier';
import { createFileLogger } from '../adapters/file-logger';
import { KeytarSecretStore } from '../adapters/keytar-secrets';
import { demoSecretsFromEnv } from '../adapters/memory-secrets';
import { systemClock } from '../core/ports';
import { createTaskwatchService } from '../core/service';
import { APP_USER_MODEL_ID, runShell } from './app-shell';
import { commandLineDoor } from './command-line-door';
import { rendererPageUrl } from './renderer-page';
import { saveExportWithDialog } from './save-export';
import { trayIconDir } from './tray-icons';

// TASKWATCH_HOME keeps config, state and logs together in one folder (demos, tests, portable use).
const customHome = process.env.TASKWATCH_HOME;
const home = customHome || app.getPath('userData');
const logger = createFileLogger({ dir: customHome ? join(home, 'logs') : app.getPath('logs') });
// out/main/index.js -> out/
const outDir = join(import.meta.dirname, '..');
// `npm run demo` passes its simulated portals' passwords in memory; everyone else gets the OS keychain.
const secrets = demoSecretsFromEnv() ?? new KeytarSecretStore();

app.on('will-quit', () => logger.close());

runShell({
  platform: process.platform,
  home,
  argv: process.argv,
  pageUrl: rendererPageUrl(outDir, app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL),
  preloadPath: join(outDir, 'preload', 'index.cjs'),
  iconDir: trayIconDir({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath }),
  logger,
  clock: systemClock,
  createService: (show) =>
    createTaskwatchService({
      home,
      secrets,
      notifier: new DesktopNotifier({ appId: APP_USER_MODEL_ID, appName: 'Taskwatch', onClick: show, logger }),
      logger,
      clock: systemClock,
      saveExport: saveExportWithDialog(() => BrowserWindow.getFocusedWindow()),
      openExternal: (url) => shell.openExternal(url),
    }),
  acceptCommandLine: commandLineDoor(home, logger),
}).catch((error: unknown) => {
  logger.log('error', 'Taskwatch could not start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  app.exit(1);
});
