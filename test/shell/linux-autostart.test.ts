import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autostartFile, defaultConfigHome, quoteExecArgument, setLinuxAutostart } from '../../src-main/shell/linux-autostart';

describe('Linux start at login (XDG autostart)', () => {
  let configHome: string;
  beforeEach(() => {
    configHome = mkdtempSync(join(tmpdir(), 'taskwatch-autostart-'));
  });
  afterEach(() => rmSync(configHome, { recursive: true, force: true }));

  it('writes an autostart entry that starts Taskwatch hidden, and removes it again', async () => {
    await setLinuxAutostart(true, { configHome, command: '/opt/Taskwatch/taskwatch', args: ['--hidden'] });
    const entry = readFileSync(autostartFile(configHome), 'utf8');
    expect(entry.split('\n')).toEqual(expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Name=Taskwatch', 'Exec="/opt/Taskwatch/taskwatch" "--hidden"']));

    await setLinuxAutostart(false, { configHome, command: '/opt/Taskwatch/taskwatch', args: ['--hidden'] });
    expect(existsSync(autostartFile(configHome))).toBe(false);
    // Turning it off twice is not an error.
    await setLinuxAutostart(false, { configHome, command: '/opt/Taskwatch/taskwatch', args: [] });
  });

  it('quotes paths with spaces and special characters as the Desktop Entry spec asks', () => {
    expect(quoteExecArgument('/home/ann/Apps/Task watch.AppImage')).toBe('"/home/ann/Apps/Task watch.AppImage"');
    expect(quoteExecArgument('/a/$HOME/"x"/100%')).toBe('"/a/\\\\$HOME/\\\\"x\\\\"/100%%"');
    expect(quoteExecArgument('C:\\x')).toBe('"C:\\\\\\\\x"');
  });

  it('uses $XDG_CONFIG_HOME when set, else ~/.config', () => {
    expect(defaultConfigHome({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg');
    expect(defaultConfigHome({})).toMatch(/\.config$/);
  });
});
