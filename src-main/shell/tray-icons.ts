/**
 * Where the tray icons (build/tray, drawn by build/tray/render.mjs) are at run time, and which file each
 * platform uses. Node-only.
 */
import { join } from 'node:path';
import type { TrayLevel } from './tray-state';

/** Packaged: electron-builder copies build/tray to `<resources>/tray` (extraResources). Dev: the repo. */
export function trayIconDir(app: { isPackaged: boolean; appPath: string; resourcesPath: string }): string {
  return app.isPackaged ? join(app.resourcesPath, 'tray') : join(app.appPath, 'build', 'tray');
}

/**
 * macOS gets a monochrome template image (the menu bar tints it; the shape tells the state). Windows'
 * tray is 16 px and Linux indicators draw larger. Each file has an @2x twin that nativeImage picks up.
 */
export function trayIconPath(dir: string, level: TrayLevel, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(dir, `${level}Template.png`);
  return join(dir, platform === 'win32' ? `${level}-16.png` : `${level}-32.png`);
}
