import { createRequire } from 'node:module';

/** The path of Electron's binary, or null where npm installed electron without it (ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}
