/**
 * The application menu: the standard roles only (Quit, Close Window, Edit for copy and paste), without
 * the default View menu's reload and developer tools.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(platform: NodeJS.Platform): void {
  const template: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
