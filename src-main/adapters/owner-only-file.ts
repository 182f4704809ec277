import { open, type FileHandle } from 'node:fs/promises';
import { TaskwatchError } from '../core/errors';

/**
 * Like ssh with a private key: a secret file others may read (or replace) is refused, not used. On
 * systems without POSIX owners (Windows) the check is left to the file's ACL.
 */
export async function readOwnerOnly(path: string, what: string): Promise<string> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw new TaskwatchError('invalid-input', `${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    // The checks look at the file that was opened, so a swap between check and read changes nothing.
    const info = await file.stat();
    if (!info.isFile()) throw new TaskwatchError('invalid-input', `${what} ${path} is not a regular file.`);
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) {
      throw new TaskwatchError('invalid-input', `${what} ${path} belongs to another user (uid ${info.uid}); it must be owned by the user Taskwatch runs as (uid ${uid}).`);
    }
    if (uid !== undefined && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
      throw new TaskwatchError('invalid-input', `${what} ${path} can be read or changed by others (mode ${mode}): run chmod 600 ${path}.`);
    }
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}
