import { dirname } from 'node:path';

/** A file named on the command line could not be written: exit code 4, the cause in one line. */
export class FileError extends Error {
  override name = 'FileError';
}

/** The operating system's refusal as a reason the admin can act on. */
const REASONS: Record<string, (path: string) => string> = {
  ENOENT: (path) => `the directory ${dirname(path)} does not exist`,
  ENOTDIR: (path) => `${dirname(path)} is not a directory`,
  EISDIR: () => 'it is a directory',
  EACCES: () => 'permission denied',
  EPERM: () => 'permission denied',
  EROFS: () => 'the file system is read-only',
  ENOSPC: () => 'the disk is full',
};

export function writeFailure(path: string, error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = REASONS[code]?.(path) ?? (code || (error instanceof Error ? error.message : String(error)));
  return new FileError(`Cannot write ${path}: ${reason}.`);
}
