/**
 * `npm start`, in plain Node: opens the desktop app where Electron can show a window, else says in one
 * line why not and what works instead (exit 3, the CLI's code for an unavailable environment).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronUnavailableReason, launchElectronApp } from '../adapters/electron-binary';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const unavailable = electronUnavailableReason();
if (unavailable) {
  console.error(
    `taskwatch: the desktop app cannot start here: ${unavailable}. ` +
      '`npm run demo` shows the window in your browser instead (`node out/main/bridge.js` for your own portals).',
  );
  process.exit(3);
}
const app = launchElectronApp(appDir);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
app.on('exit', (code) => process.exit(code ?? 0));
