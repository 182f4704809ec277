#!/usr/bin/env node
/**
 * `taskwatch`: the monitoring core from a terminal. Same config, keychain, state and alert rules as the
 * desktop app. Errors are one line on stderr (never a stack trace, never a secret); exit codes in exit-codes.ts.
 */
import { runOnAppRuntime } from './app-runtime';
import { failure, runCommandLine } from './command-line';

const cli = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
runOnAppRuntime()
  .then((code) => code ?? runCommandLine(process.argv.slice(2), cli))
  .catch((error: unknown) => failure(error, cli.err))
  .then((code) => {
    process.exitCode = code;
  });
