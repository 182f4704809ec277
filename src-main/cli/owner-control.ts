/**
 * The running owner of a home (the app, watch, serve) takes some configuration changes from the CLI: the
 * CLI cannot write config.json while the owner runs (its own copy would be written over the change), so it
 * hands the command line to the owner, which carries it out against its live service and answers with the
 * exit code and the lines to print. One request per connection, one JSON line each way, checked with zod
 * on arrival.
 *
 * The door is a socket file in the home, which only its user can enter (the home is 0700, the socket 0600),
 * or on Windows a named pipe derived from the home's path. Nothing secret crosses it: only commands
 * without secrets are taken (command-line.ts).
 */
import { createHash } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../core/ports';
import type { Cli, OwnedService } from './runtime';

const OwnerRequest = z.object({ argv: z.array(z.string().max(4_096)).max(64) });
const OwnerAnswer = z.object({ code: z.number().int(), out: z.array(z.string()), err: z.array(z.string()) });
export type OwnerAnswer = z.infer<typeof OwnerAnswer>;

/** A command line and its answer are a few hundred bytes: anything far longer is not from the CLI. */
const MAX_LINE_BYTES = 256 * 1024;
/** The owner answers as soon as the change is saved; one that does not within this long is stuck. */
const ANSWER_TIMEOUT_MS = 30_000;

/** Where the owner of `home` listens. */
export function ownerControlPath(home: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\taskwatch-${createHash('sha256').update(resolve(home)).digest('hex').slice(0, 32)}`;
  return join(home, 'control.sock');
}

export interface OwnerControl {
  close(): Promise<void>;
}

/** Carries out a command line sent by the CLI, printing through `cli`; returns its exit code (command-line.ts). */
export type RunForOwner = (argv: string[], cli: Cli) => Promise<number>;

/**
 * Listens for the CLI's command lines while this process owns `home` (so a socket file left by an owner
 * that crashed is its to remove). Null, with a warning logged, when it cannot listen (e.g. a home path too
 * long for a socket): the CLI then says to stop the owner first, as without this door.
 */
export async function offerOwnerControl(home: string, owner: OwnedService, runForOwner: RunForOwner): Promise<OwnerControl | null> {
  const { logger } = owner;
  const path = ownerControlPath(home);
  if (process.platform !== 'win32') await rm(path, { force: true });
  const carryOut = (argv: string[], out: Cli['out'], err: Cli['err']) => runForOwner(argv, { home, out, err, owner });
  const server = createServer((socket) => void answer(socket, carryOut, logger));
  const listening = await new Promise<boolean>((done) => {
    server.once('error', (error) => {
      logger.log('warn', 'The command line cannot reach this Taskwatch: mute and maintenance changes need it stopped', { path, error: error.message });
      done(false);
    });
    server.listen(path, () => done(true));
  });
  if (!listening) return null;
  if (process.platform !== 'win32') await chmod(path, 0o600);
  return {
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
      }),
  };
}

type CarryOut = (argv: string[], out: Cli['out'], err: Cli['err']) => Promise<number>;

async function answer(socket: Socket, carryOut: CarryOut, logger: Logger): Promise<void> {
  socket.on('error', () => {}); // a CLI that went away mid-answer changes nothing here
  try {
    const request = OwnerRequest.parse(JSON.parse(await readLine(socket)));
    const reply: OwnerAnswer = { code: 0, out: [], err: [] };
    reply.code = await carryOut(request.argv, (line) => reply.out.push(line), (line) => reply.err.push(line));
    logger.log('info', 'Carried out a command line from the CLI', { command: request.argv.filter((word) => !word.startsWith('-')).slice(0, 2).join(' '), exitCode: reply.code });
    socket.end(`${JSON.stringify(reply)}\n`);
  } catch (error) {
    logger.log('warn', 'Refused a request on the command-line socket', { error: (error as Error).message });
    socket.destroy();
  }
}

/** The owner's answer to `argv`, or null when no owner listens on `home` (an older Taskwatch, or one whose door could not open). */
export async function askOwner(home: string, argv: string[]): Promise<OwnerAnswer | null> {
  const socket = createConnection(ownerControlPath(home));
  const connected = await new Promise<boolean>((done) => {
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
  if (!connected) return null;
  socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy(new Error(`the running Taskwatch did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)));
  socket.write(`${JSON.stringify({ argv })}\n`);
  try {
    return OwnerAnswer.parse(JSON.parse(await readLine(socket)));
  } finally {
    socket.destroy();
  }
}

/** The first line `socket` sends (without its newline); rejects past MAX_LINE_BYTES or when it ends without one. */
function readLine(socket: Socket): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      const newline = chunk.indexOf(10);
      chunks.push(newline < 0 ? chunk : chunk.subarray(0, newline));
      bytes += chunk.length;
      if (newline >= 0) finish(() => done(Buffer.concat(chunks).toString('utf8')));
      else if (bytes > MAX_LINE_BYTES) finish(() => fail(new Error('the line is too long')));
    };
    const onEnd = () => finish(() => fail(new Error('the connection ended before a whole line')));
    const onError = (error: Error) => finish(() => fail(error));
    const finish = (settle: () => void) => {
      socket.off('data', onData).off('end', onEnd).off('error', onError);
      settle();
    };
    socket.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
