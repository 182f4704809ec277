import type { Logger, LogLevel } from '../core/ports';
import { LEVEL_RANK, logLine } from './log-line';

/**
 * JSON log lines to a stream, for a service whose supervisor (journald, docker, Kubernetes) collects
 * standard output: no file, no rotation, the same redacted lines as the log file.
 */
export function createStreamLogger(stream: NodeJS.WritableStream, level: LogLevel = 'info'): Logger {
  return {
    log(lineLevel, message, fields) {
      if (LEVEL_RANK[lineLevel] >= LEVEL_RANK[level]) stream.write(logLine(lineLevel, message, fields));
    },
  };
}
