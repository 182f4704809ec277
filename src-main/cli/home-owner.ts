import { HomeInUseError, lockHome } from '../core/store/home-lock';
import { EXIT } from './exit-codes';
import type { Cli } from './runtime';

/**
 * Runs `work` (a command that polls and alerts: watch, serve) as the home's one owner. When another
 * Taskwatch owns it, says who (pid, since when) and returns EXIT.homeInUse without doing anything.
 */
export async function asHomeOwner(cli: Cli, what: string, work: () => Promise<number>): Promise<number> {
  const lock = await lockHome(cli.home, {
    what,
    // Another Taskwatch took the home while this one was stopped (Ctrl+Z) or stalled: it is the owner now.
    onCompromised: () => {
      cli.err(`taskwatch: another Taskwatch took over this home while this ${what} was stalled; stopping.`);
      process.exit(EXIT.homeInUse);
    },
  }).catch((error: unknown) => {
    if (!(error instanceof HomeInUseError)) throw error;
    cli.err(`taskwatch: ${error.message} Read-only commands (check, portal list, export) still work.`);
    return null;
  });
  if (!lock) return EXIT.homeInUse;
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
