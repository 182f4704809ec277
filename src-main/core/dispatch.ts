/**
 * Validate-and-dispatch for one command: the single path by which untrusted input reaches a handler.
 * Part of the core so every door shares it: the Electron IPC layer, the Chromium test bridge and the CLI.
 *
 * It never throws: Electron's `ipcMain.handle` keeps only an error's message, so every outcome is a
 * typed `Result` the renderer can turn into a sentence.
 */
import { commands, type ApiError, type CommandHandlers, type CommandName, type CommandOutput, type CommandWire, type Result } from '../contract/api';
import { describeIssues, issuePath } from '../contract/issues';
import { TaskwatchError } from './errors';
import type { Logger } from './ports';

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside Taskwatch; see the log.';

/**
 * Parses `input` with the command's schema, calls its handler with the parsed value and wraps the
 * outcome in its wire form (contract/wire-tables.ts). Bad input answers `invalid-input` naming the field,
 * and the handler is not called.
 */
export async function dispatchCommand<C extends CommandName>(
  handlers: CommandHandlers,
  command: C,
  input: unknown,
  logger: Logger,
): Promise<Result<CommandWire<C>>> {
  const parsed = commands[command].input.safeParse(input);
  if (!parsed.success) return failure('invalid-input', describeIssues(parsed.error));

  let value: unknown;
  try {
    const handler = handlers[command] as (input: unknown) => Promise<unknown>;
    value = await handler(parsed.data);
  } catch (error) {
    if (error instanceof TaskwatchError) return failure(error.code, error.message);
    // The text may come from anywhere (a library, the OS): log it, never hand it to the renderer.
    logger.log('error', `Command ${command} failed unexpectedly`, { error: describeError(error) });
    return failure('internal', INTERNAL_ERROR_MESSAGE);
  }

  // Only what the contract declares leaves main: unknown keys are stripped, a wrong shape is our bug.
  let output: ReturnType<(typeof commands)[C]['output']['safeEncode']>;
  try {
    output = commands[command].output.safeEncode(value as never) as typeof output;
  } catch (error) {
    // A codec's encoder met a shape it cannot write (our bug too), or a one-way transform in an output schema.
    logger.log('error', `Command ${command} returned a value that could not be encoded`, { error: describeError(error) });
    return failure('internal', INTERNAL_ERROR_MESSAGE);
  }
  if (!output.success) {
    logger.log('error', `Command ${command} returned a value outside the contract`, {
      issues: output.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.code}`),
    });
    return failure('internal', INTERNAL_ERROR_MESSAGE);
  }
  return { ok: true, value: output.data as CommandWire<C> };
}

/** `dispatchCommand` for callers inside main (CLI, demo): the value, or the refusal thrown as a TaskwatchError. */
export async function invokeCommand<C extends CommandName>(
  handlers: CommandHandlers,
  command: C,
  input: unknown,
  logger: Logger,
): Promise<CommandOutput<C>> {
  const result = await dispatchCommand(handlers, command, input, logger);
  if (!result.ok) throw new TaskwatchError(result.error.code, result.error.message);
  // Read back as the window reads it: callers inside main get the same values as the window.
  return commands[command].output.parse(result.value) as CommandOutput<C>;
}

function failure(code: ApiError['code'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
