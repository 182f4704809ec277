import type { ErrorCode } from '../contract/api';

/**
 * An error whose message is written for the admin: it may be shown in the window, printed by the CLI
 * and logged. It must never contain a password or a token.
 */
export class TaskwatchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaskwatchError';
  }
}
