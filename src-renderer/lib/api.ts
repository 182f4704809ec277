/**
 * Finds the one TaskwatchApi the window talks to: the Electron preload's global, or, when the page runs
 * in plain Chromium for tests and development, the HTTP bridge whose token arrives in the URL fragment.
 */
import { BRIDGE_GLOBAL, type TaskwatchApi } from '$contract/api';
import { createBridgeClient } from './bridge-client';

export function connectApi(win: Window = window): TaskwatchApi | null {
  const preload = (win as unknown as Record<string, TaskwatchApi | undefined>)[BRIDGE_GLOBAL];
  if (preload) return preload;
  const token = takeBridgeToken(win);
  return token ? createBridgeClient(token, win.location.origin) : null;
}

/** Reads `#bridge=<token>` and wipes it from the address bar and history at once. */
function takeBridgeToken(win: Window): string | null {
  const match = /(?:^#|&)bridge=([^&]+)/.exec(win.location.hash);
  if (!match) return null;
  win.history.replaceState(null, '', win.location.pathname + win.location.search);
  return decodeURIComponent(match[1]!);
}
