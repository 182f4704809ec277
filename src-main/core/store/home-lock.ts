import { mkdir, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { removeInterruptedWrites, writeFileAtomic } from './atomic-file';
import { portalStateDir } from './state-store';

/**
 * One owner per home: the app and `watch` (everything that polls and notifies) hold this lock while they
 * run, so two of them never alert the same failure twice. Read-only commands never take it.
 *
 * proper-lockfile makes the lock (an atomic mkdir whose mtime the holder refreshes) and sees it stale once
 * the refreshes stop; an owner file beside it names the holder, so a second process can say who it is and
 * can take over at once, rather than after the stale time, when that holder is a process that no longer
 * exists (killed with SIGKILL, power cut).
 */

/** The exit code of a process refused because another Taskwatch owns the home (the app's too). */
export const HOME_IN_USE_EXIT_CODE = 5;

const HomeOwner = z.object({ pid: z.number().int(), host: z.string(), since: z.number(), what: z.string() });
export type HomeOwner = z.infer<typeof HomeOwner>;

export class HomeInUseError extends Error {
  override name = 'HomeInUseError';
  constructor(
    readonly home: string,
    readonly owner: HomeOwner | null,
  ) {
    const who = owner
      ? `${owner.what}, pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${new Date(owner.since).toISOString()}`
      : 'it is just starting';
    super(`The Taskwatch home ${home} is in use by another Taskwatch (${who}); only one may watch it at a time.`);
  }
}

export interface HomeLock {
  release(): Promise<void>;
}

export interface LockHomeOptions {
  /** Who is asking, named to a second process: "watch", "the app". */
  what: string;
  now?: () => number;
  /**
   * Called if the lock was lost while held: another process took it after this one went silent for the
   * stale time (stopped, stalled), or the home vanished. A system sleep alone does not lose it.
   */
  onCompromised?: (error: Error) => void;
}

const LOCK_NAME = 'taskwatch.lock';
const OWNER_NAME = 'taskwatch.lock.owner.json';
/** proper-lockfile refreshes the lock at half this; a holder silent for this long counts as gone. */
const STALE_MS = 10_000;
/**
 * A new holder writes its owner file right after its mkdir; a dead owner read in that instant is the
 * previous one. Reading it again after this pause tells the two apart.
 */
const RECHECK_MS = 100;
/** How long a lock without an owner file is taken for one being named, before its maker counts as dead. */
const NAMING_GRACE_MS = 1_000;

/** Takes the home, or throws HomeInUseError naming the holder. Cleans up writes a crash interrupted. */
export async function lockHome(home: string, options: LockHomeOptions): Promise<HomeLock> {
  await mkdir(home, { recursive: true, mode: 0o700 });
  const release = await acquire(home, options).catch(async (error: unknown) => {
    if (!isLocked(error)) throw error;
    const owner = await readOwner(home);
    if (!(await holderIsGone(home, owner))) throw new HomeInUseError(home, await readOwner(home));
    await rm(join(home, LOCK_NAME), { recursive: true, force: true });
    return acquire(home, options).catch(async (again: unknown) => {
      throw isLocked(again) ? new HomeInUseError(home, await readOwner(home)) : again;
    });
  });
  const owner: HomeOwner = { pid: process.pid, host: hostname(), since: (options.now ?? Date.now)(), what: options.what };
  // Atomic, so that a holder killed while naming itself leaves its old name or its new one, never half.
  await writeFileAtomic(join(home, OWNER_NAME), JSON.stringify(owner));
  // Only the owner may do this: a temporary file in the home may be another owner's write under way.
  await removeInterruptedWrites(home);
  await removeInterruptedWrites(portalStateDir(home));
  return {
    async release() {
      const named = await readOwner(home);
      // After a takeover (onCompromised) the owner file names the new holder: that one is not ours to remove.
      if (named?.pid === owner.pid && named.since === owner.since) await rm(join(home, OWNER_NAME), { force: true });
      await release().catch(() => {}); // already let go: proper-lockfile's exit hook, or a takeover
    },
  };
}

function acquire(home: string, options: LockHomeOptions): Promise<() => Promise<void>> {
  return lockfile.lock(home, {
    lockfilePath: join(home, LOCK_NAME),
    realpath: false,
    stale: STALE_MS,
    onCompromised: options.onCompromised ?? (() => {}),
  });
}

function isLocked(error: unknown): boolean {
  return (error as { code?: string }).code === 'ELOCKED';
}

async function readOwner(home: string): Promise<HomeOwner | null> {
  const text = await readFile(join(home, OWNER_NAME), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return HomeOwner.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * True when the holder is a process on this machine that no longer exists, or one that died before it
 * could name itself. A live holder names itself right after its mkdir, so only a dead owner (or none)
 * seen again, unchanged, after a pause means nobody holds the home.
 */
async function holderIsGone(home: string, owner: HomeOwner | null): Promise<boolean> {
  if (owner && !isDead(owner)) return false;
  await new Promise((resolve) => setTimeout(resolve, owner ? RECHECK_MS : NAMING_GRACE_MS));
  const again = await readOwner(home);
  if (!again) return !owner;
  return isDead(again) && (!owner || (again.pid === owner.pid && again.since === owner.since));
}

function isDead(owner: HomeOwner): boolean {
  return owner.host === hostname() && !processExists(owner.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}
