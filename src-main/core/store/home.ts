import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder holding config.json, state.json and logs: `TASKWATCH_HOME` if set, else the OS app-data
 * folder Electron's `app.getPath('userData')` also resolves to, so the CLI and the app share one home.
 */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TASKWATCH_HOME) return env.TASKWATCH_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Taskwatch');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Taskwatch');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Taskwatch');
}
