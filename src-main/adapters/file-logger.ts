import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger, LogLevel } from '../core/ports';
import { LEVEL_RANK, logLine } from './log-line';

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  /** The live file is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** Files kept in all, the live one included: 3 keeps taskwatch.log, taskwatch.log.1 and taskwatch.log.2. */
  keep?: number;
  /** Lines below this level are dropped. */
  level?: LogLevel;
}

export interface FileLogger extends Logger {
  readonly path: string;
  /** Forces written lines to disk (fsync). */
  flush(): void;
  /** Flushes and releases the file; later lines are dropped. */
  close(): void;
}

/**
 * A JSON-lines log file with size-based rotation. Every line is redacted, then written synchronously:
 * a log is most needed right before a crash or a quit, which is exactly when a write queue loses lines.
 * The lines are small and rare (a few per poll), so a synchronous write costs nothing noticeable.
 */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const { dir, fileName = 'taskwatch.log', maxBytes = 1024 * 1024, keep = 3, level = 'info' } = options;
  if (keep < 1) throw new RangeError('keep must be at least 1 (the live log file).');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  let fd: number | null = openLog();
  let size = fstatSync(fd).size;

  function openLog(): number {
    // 0o600: the log names portals and users; it is nobody else's business on a shared machine.
    return openSync(path, 'a', 0o600);
  }

  function rotate(): void {
    if (fd !== null) closeSync(fd);
    rmSync(`${path}.${keep - 1}`, { force: true });
    for (let index = keep - 2; index >= 1; index -= 1) {
      if (existsSync(`${path}.${index}`)) renameSync(`${path}.${index}`, `${path}.${index + 1}`);
    }
    if (keep > 1) renameSync(path, `${path}.1`);
    else rmSync(path, { force: true });
    fd = openLog();
    size = 0;
  }

  function write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    if (fd === null) return;
    writeSync(fd, line);
    size += bytes;
  }

  return {
    path,
    log(lineLevel, message, fields) {
      if (fd === null || LEVEL_RANK[lineLevel] < LEVEL_RANK[level]) return;
      write(logLine(lineLevel, message, fields));
    },
    flush() {
      if (fd !== null) fsyncSync(fd);
    },
    close() {
      if (fd === null) return;
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
    },
  };
}
