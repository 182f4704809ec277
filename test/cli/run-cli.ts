import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built `taskwatch` CLI as an admin runs it: a child process using the real OS keychain (the
 * test session's gnome-keyring) and real desktop notifications (notify-send to a D-Bus receiver).
 */
export const CLI = join(import.meta.dirname, '../../out/main/cli.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function taskwatch(home: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--home', home, ...args], { env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The password the test session's keychain (or the one `env` points at) holds for `account` under the app's service, or null. */
export function keychainItem(account: string, env?: NodeJS.ProcessEnv): string | null {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', 'taskwatch', 'account', account], { encoding: 'utf8', env });
  } catch {
    return null;
  }
}

/** A session bus address where nothing listens: the keychain is unavailable, as on a server with no desktop. */
export const NO_KEYCHAIN_ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };

export interface Watching {
  child: ChildProcessWithoutNullStreams;
  /** Complete stdout lines so far. */
  lines: string[];
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `watch` (or any long-running command) and collects what it prints, line by line. */
export function startWatch(home: string, env: NodeJS.ProcessEnv = process.env, args = ['watch', '--json', '--interval', '1']): Watching {
  const child = spawn(process.execPath, [CLI, '--home', home, ...args], { env });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, lines, stderr: () => stderr, exited };
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
