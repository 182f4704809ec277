// postinstall: keytar is a native addon, and the app loads it inside Electron, whose ABI differs from Node's.
// Where Electron's binary is installed (an admin's or developer's machine), rebuild keytar for it; the CLI and
// the tests then run on Electron's Node too (ELECTRON_RUN_AS_NODE), so one build serves all. Where the binary
// was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD, CI), keytar stays built for Node and everything runs on Node.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

if (!electronBinary()) {
  console.log('taskwatch: Electron binary not installed; keytar stays built for Node.');
  process.exit(0);
}
const rebuild = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(rebuild.status ?? 1);
