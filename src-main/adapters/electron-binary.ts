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
