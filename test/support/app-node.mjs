// Runs a Node script on the runtime keytar was built for: Electron's Node (ELECTRON_RUN_AS_NODE) where
// Electron is installed, plain Node where it is not (see build/rebuild-native.mjs). Exit code and
// signals pass through.
import { spawn } from 'node:child_process';
import { electronBinary } from '../../build/electron-binary.mjs';

const electron = electronBinary();
const child = spawn(electron ?? process.execPath, process.argv.slice(2), {
  stdio: 'inherit',
  env: electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
