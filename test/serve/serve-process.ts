import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI, run as an admin's service manager runs it. */
export const CLI = join(import.meta.dirname, '../../out/main/cli.js');

export interface LogLine {
  time: string;
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** Every line written to standard output, parsed (a line that is not JSON fails the parse). */
  lines: () => LogLine[];
  stdout: () => string;
  stderr: () => string;
  /** The `Serving` line's address, once it was written. */
  url: () => Promise<string>;
  exited: Promise<number | null>;
}

export function startServe(home: string, args: string[], env: NodeJS.ProcessEnv = {}): ServeProcess {
  const child = spawn(process.execPath, [CLI, '--home', home, 'serve', ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const lines = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine);
  const url = async () => {
    for (let waited = 0; waited < 20_000; waited += 50) {
      const serving = lines().find((line) => line.message === 'Serving');
      if (serving) return String(serving.fields!.url);
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`serve did not start: ${stderr}${stdout}`);
  };
  return { child, lines, stdout: () => stdout, stderr: () => stderr, url, exited };
}
