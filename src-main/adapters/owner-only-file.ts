import { open, type FileHandle } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { TaskwatchError } from '../core/errors';

/**
 * Like ssh with a private key: a secret file others may read (or replace) is refused, not used. On
 * systems without POSIX owners (Windows) the check is left to the file's ACL.
 *
 * A systemd credential (`LoadCredential=`) is trusted as it is: systemd writes it root-owned, mode 0400,
 * on a read-only mount, and grants the unit's user alone read access by an ACL entry, whose mask `stat`
 * shows as a group bit. By owner and mode it would look unsafe; by construction it is not.
 */
export async function readOwnerOnly(path: string, what: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
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
    const uid = isSystemdCredential(path, env.CREDENTIALS_DIRECTORY) ? undefined : process.getuid?.();
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

function isSystemdCredential(path: string, credentialsDirectory: string | undefined): boolean {
  return credentialsDirectory !== undefined && credentialsDirectory !== '' && resolve(path).startsWith(resolve(credentialsDirectory) + sep);
}
