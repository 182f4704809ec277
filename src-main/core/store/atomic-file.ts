import { randomBytes } from 'node:crypto';
import { open, readdir, rename, mkdir, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * Replaces a file so that a crash or power cut leaves either the old or the new content, never half
 * of one: write a temporary file beside it, fsync, rename over the original, fsync the folder.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`); // see TEMP_FILE
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncFolder(dir);
}

/** The temporary files writeFileAtomic makes: `.<name>.<pid>.<random>.tmp`. */
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Deletes what writes interrupted by a crash left in `dir`. Only for the home's owner (home-lock.ts):
 * anyone else might delete a write under way.
 */
export async function removeInterruptedWrites(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => TEMP_FILE.test(name));
  await Promise.all(names.map((name) => unlink(join(dir, name)).catch(() => {})));
  return names;
}

async function syncFolder(dir: string): Promise<void> {
  // Not every platform lets a folder be opened for fsync (Windows): the rename is still atomic there.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
