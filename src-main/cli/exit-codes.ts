import { HOME_IN_USE_EXIT_CODE } from '../core/store/home-lock';

/** What `taskwatch` exits with; README "The CLI" documents the same table. */
export const EXIT = {
  ok: 0,
  /** `check` found problems, or a portal refused or failed the operation. */
  problems: 1,
  /** The command line or the configuration needs fixing. */
  usage: 2,
  /** The OS keychain (or the desktop session it needs) is not available. */
  unavailable: 3,
  /** A file given on the command line could not be written. */
  file: 4,
  /** Another Taskwatch (the app, `watch`, `serve`) owns the home: see core/store/home-lock.ts. */
  homeInUse: HOME_IN_USE_EXIT_CODE,
} as const;
