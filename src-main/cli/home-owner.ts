import { HomeInUseError, lockHome, type HomeLock } from '../core/store/home-lock';
import { EXIT } from './exit-codes';
import type { Cli } from './runtime';

const READ_ONLY_STILL_WORK = 'Read-only commands (check, the list commands, export) still work.';

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
    cli.err(`taskwatch: ${error.message} ${READ_ONLY_STILL_WORK}`);
    return null;
  });
  if (!lock) return EXIT.homeInUse;
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** Another Taskwatch owns the home, so the configuration cannot be changed from here (exit 5). */
export class ConfigInUseError extends Error {
  override name = 'ConfigInUseError';
}

/**
 * Holds the home while a command changes config.json: a running Taskwatch would write its own copy of the
 * configuration over the change. Refused with ConfigInUseError while one runs.
 */
export async function holdHomeToChangeConfig(home: string): Promise<HomeLock> {
  return lockHome(home, { what: 'taskwatch (changing the configuration)' }).catch((error: unknown) => {
    if (!(error instanceof HomeInUseError)) throw error;
    throw new ConfigInUseError(`${error.message} Make the change in its window, or stop it first. ${READ_ONLY_STILL_WORK}`);
  });
}
