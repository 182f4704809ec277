import { startEarly } from './early-start';

/**
 * Evaluated before the rest of the window's code (main.ts imports it first): the snapshot is asked for
 * while the window's modules are evaluated and mounted, not after.
 */
export const early = startEarly();
