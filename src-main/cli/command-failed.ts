import type { ErrorCode } from '../contract/api';

/** Codes that mean "fix how Taskwatch is called or set up" rather than "the portal said no". */
const CONFIGURATION_CODES: ReadonlySet<ErrorCode> = new Set(['invalid-input', 'not-found', 'keychain-unavailable', 'forbidden']);

/** A command the core refused, with its plain message; exit 2 for configuration problems, else 1. */
export class CommandFailed extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandFailed';
  }

  get exitCode(): number {
    return CONFIGURATION_CODES.has(this.code) ? 2 : 1;
  }
}
