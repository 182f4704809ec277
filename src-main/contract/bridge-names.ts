/**
 * The names by which the window finds main, apart from the zod contract: the window's first script
 * (src-renderer/main.ts) asks for the snapshot with them before the contract's code has loaded.
 */

/** The preload's global, for the renderer to find. */
export const BRIDGE_GLOBAL = 'taskwatch';

/** The header that carries the per-run token of the Chromium test bridge (never used by the packaged app). */
export const BRIDGE_TOKEN_HEADER = 'x-taskwatch-bridge-token';
