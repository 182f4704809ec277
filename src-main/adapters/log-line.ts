import type { LogLevel } from '../core/ports';
import { redactSecrets, redactText } from '../core/redact';

export const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** One JSON log line, secrets redacted: the one format of the log file and of `serve`'s standard output. */
export function logLine(level: LogLevel, message: string, fields?: Record<string, unknown>): string {
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, message: redactText(message) };
  if (fields && Object.keys(fields).length > 0) entry.fields = redactSecrets(fields);
  return `${JSON.stringify(entry)}\n`;
}
