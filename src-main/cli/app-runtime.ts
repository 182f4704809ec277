import { spawn } from 'node:child_process';
import { electronBinary } from '../adapters/electron-binary';

/**
 * Where Electron is installed, keytar is built for Electron's ABI (build/rebuild-native.mjs), so the CLI
 * re-runs itself on Electron's Node to load it. Returns the exit code of that run, or null to run here.
 */
export async function runOnAppRuntime(): Promise<number | null> {
  if (process.versions.electron || process.env.ELECTRON_RUN_AS_NODE) return null;
  const electron = electronBinary();
  if (!electron) return null; // installed without its binary: keytar is built for this Node
  const child = spawn(electron, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}
