import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * The path of Electron's binary, or null where npm installed the electron package without it
 * (ELECTRON_SKIP_BINARY_DOWNLOAD). In plain Node, `require('electron')` answers that path.
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

/** Why the desktop app cannot open its window on this machine, as a clause; null when it can. */
export function electronUnavailableReason(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  if (!electronBinary()) return 'Electron is not installed (npm skipped or could not download its binary)';
  // Electron aborts with a native error when a Linux session has no display to open a window on.
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display to open a window on ($DISPLAY and $WAYLAND_DISPLAY are unset)';
  // Chromium's sandbox refuses root, and the window keeps its sandbox: Electron would exit with its own error.
  if (platform === 'linux' && process.getuid?.() === 0) return 'Electron does not run as root with its sandbox on';
  return null;
}

/** Starts the desktop app in `appDir` (the folder with package.json); call only when Electron is usable. */
export function launchElectronApp(appDir: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(electronBinary()!, [appDir], { stdio: 'inherit', env });
}
