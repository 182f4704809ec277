/**
 * Start at login on Linux: Electron's setLoginItemSettings is macOS/Windows only, so Taskwatch writes
 * an XDG autostart entry itself (freedesktop "Desktop Application Autostart"). Node-only.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AutostartTarget {
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome: string;
  /** The program to run: the AppImage file when there is one, else the executable. */
  command: string;
  args: readonly string[];
}

export function autostartFile(configHome: string): string {
  return join(configHome, 'autostart', 'taskwatch.desktop');
}

export function defaultConfigHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

export async function setLinuxAutostart(enabled: boolean, target: AutostartTarget): Promise<void> {
  const file = autostartFile(target.configHome);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(join(target.configHome, 'autostart'), { recursive: true });
  const exec = [target.command, ...target.args].map(quoteExecArgument).join(' ');
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Taskwatch',
    'Comment=Watches the scheduled tasks of your ArcGIS Enterprise portals',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  await writeFile(file, entry, 'utf8');
}

/**
 * The Exec key's quoting: wrap in double quotes, backslash-escape " ` $ \, then apply the string-value
 * escape (\ becomes \\) and double any % so it is not read as a field code.
 */
export function quoteExecArgument(argument: string): string {
  const quoted = `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}
