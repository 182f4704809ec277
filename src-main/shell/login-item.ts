/**
 * Launch at login, per platform, and how a launch tells whether it was one. Windows and Linux register
 * `--hidden` as the login item's argument; macOS reports it through getLoginItemSettings.
 */
import { app } from 'electron';
import type { Logger } from '../core/ports';
import { defaultConfigHome, setLinuxAutostart } from './linux-autostart';

export const HIDDEN_FLAG = '--hidden';

export function wasLaunchedAtLogin(platform: NodeJS.Platform, argv: readonly string[]): boolean {
  if (platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin;
  return argv.includes(HIDDEN_FLAG);
}

export async function applyStartAtLogin(enabled: boolean, platform: NodeJS.Platform, logger: Logger): Promise<void> {
  // A development build would register the bare Electron binary, which opens Electron's default app.
  if (!app.isPackaged) {
    logger.log('info', 'Start at login is only registered by the installed app', { enabled });
    return;
  }
  if (platform === 'linux') {
    const command = process.env.APPIMAGE ?? process.execPath;
    await setLinuxAutostart(enabled, { configHome: defaultConfigHome(), command, args: [HIDDEN_FLAG] });
  } else if (platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
  } else {
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
  logger.log('info', 'Start at login updated', { enabled });
}
