import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconDir, trayIconPath } from '../../src-main/shell/tray-icons';
import type { TrayLevel } from '../../src-main/shell/tray-state';

describe('tray icons', () => {
  const repoIcons = join(import.meta.dirname, '../../build/tray');
  const pngSize = (file: string) => {
    const png = readFileSync(file);
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('come from the repo in development and from resources/tray when packaged', () => {
    expect(trayIconDir({ isPackaged: false, appPath: '/src/taskwatch', resourcesPath: '/x' })).toBe('/src/taskwatch/build/tray');
    expect(trayIconDir({ isPackaged: true, appPath: '/x/app.asar', resourcesPath: '/opt/Taskwatch/resources' })).toBe('/opt/Taskwatch/resources/tray');
  });

  it.each(['darwin', 'win32', 'linux'] as const)('exist for every level on %s, with an @2x twin of twice the size', (platform) => {
    for (const level of ['ok', 'warning', 'failed'] as TrayLevel[]) {
      const file = trayIconPath(repoIcons, level, platform);
      const [width, height] = pngSize(file);
      expect(width).toBe(height);
      expect(pngSize(file.replace(/\.png$/, '@2x.png'))).toEqual([width! * 2, height! * 2]);
    }
  });

  it('differ per level in shape, not only colour (template images have no colour)', () => {
    const templates = (['ok', 'warning', 'failed'] as const).map((level) => readFileSync(trayIconPath(repoIcons, level, 'darwin')).toString('base64'));
    expect(new Set(templates).size).toBe(3);
  });
});
