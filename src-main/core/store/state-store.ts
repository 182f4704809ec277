/**
 * Where a home keeps the state: `state.json` holds the alerts (GlobalFile) and `portal-state/` one file
 * per portal (PortalFile), so that a save writes the portals that changed, not every portal's tasks (one
 * file of 300 portals x 200 tasks was 30 MB, written again after each portal's poll).
 *
 * Order of writes, for exactly-once across a crash: state.json before the portal files. A portal file
 * ahead of state.json could record a run as processed whose alert state.json does not hold yet (lost);
 * state.json ahead makes the run news again at most, and its alert key is among `alerted` (not repeated).
 * Upgrading a version 2 (or 1) state.json, the portal files are written first and state.json last: until
 * state.json says version 3 the portal files are not read, so a crash between leaves the old file whole.
 */
import { createHash } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { loadJsonFile, type LoadResult } from './json-file';
import { GlobalFile, PortalFile, StateFileV2, type PortalState, type StateFile } from './state';
import { StateFileV1, migrateStateV1 } from './state-v1';

export const statePath = (home: string) => join(home, 'state.json');
export const portalStateDir = (home: string) => join(home, 'portal-state');

/** Portal ids are URLs: the file is named by a digest of the id, which the file itself holds. */
const portalFileName = (portalId: string) => `${createHash('sha256').update(portalId).digest('hex').slice(0, 32)}.json`;
const PORTAL_FILE = /^[0-9a-f]{32}\.json$/;
/**
 * Portal files serialised and written together. A portal of 200 tasks is ~280 KB of JSON: 300 portals
 * changed at once, serialised together, were ~110 MB of text and buffers at the first poll's peak.
 */
const PORTALS_PER_WRITE = 8;

/** What state.json may hold: the global part (version 3), or everything (versions 2 and 1, upgraded). */
const StoredState = z.union([
  GlobalFile.transform((global) => ({ global, portals: null })),
  StateFileV2.transform(({ portals, ...global }) => ({ global: { ...global, version: 3 as const }, portals })),
  StateFileV1.transform(migrateStateV1)
    .pipe(StateFileV2)
    .transform(({ portals, ...global }) => ({ global: { ...global, version: 3 as const }, portals })),
]);
type Stored = z.infer<typeof StoredState>;

const emptyStored = (): Stored => ({ global: GlobalFile.parse({ version: 3, alerted: {}, outbox: [] }), portals: {} });

async function portalFileNames(home: string): Promise<Set<string>> {
  const names = await readdir(portalStateDir(home)).catch(() => [] as string[]);
  return new Set(names.filter((name) => PORTAL_FILE.test(name)));
}

interface Opened {
  loaded: LoadResult<StateFile>;
  /** state.json is of version 3: the portal files are the portals' state. */
  split: boolean;
  onDisk: Set<string>;
}

async function open(home: string, now: number): Promise<Opened> {
  const stored = await loadJsonFile(statePath(home), StoredState, emptyStored, now);
  const onDisk = await portalFileNames(home);
  const split = stored.status === 'loaded' && stored.value.portals === null;
  const portals: Record<string, PortalState> = { ...stored.value.portals };
  let loaded: LoadResult<unknown> = stored;
  if (split) {
    for (const name of onDisk) {
      const file = await loadJsonFile(join(portalStateDir(home), name), PortalFile.nullable(), () => null, now);
      if (file.value) portals[file.value.portalId] = file.value.state;
      // A portal whose file could not be read starts afresh (its file kept aside); the others are kept.
      if (file.status === 'kept-aside') {
        onDisk.delete(name);
        loaded = { ...file, problem: `${name}: ${file.problem}` };
      }
    }
  }
  const value: StateFile = { ...stored.value.global, portals };
  return { loaded: { ...loaded, value } as LoadResult<StateFile>, split, onDisk };
}

/**
 * The state of one home, held in memory, with what of it changed since it was last written. Saves must
 * run one at a time (core/service/serial-writer.ts).
 */
export class StateStore {
  readonly #changed = new Set<string>();
  /** Each portal's state as last written or read: a portal removed and added again is a new object, written afresh. */
  readonly #written = new Map<string, PortalState>();

  private constructor(
    private readonly home: string,
    readonly state: StateFile,
    private readonly onDisk: Set<string>,
    private split: boolean,
  ) {
    if (split) for (const [portalId, portal] of Object.entries(state.portals)) this.#written.set(portalId, portal);
  }

  /** Reads the home's state (a file that cannot be read is kept aside: see loadJsonFile). */
  static async open(home: string, now: number): Promise<{ store: StateStore; loaded: LoadResult<StateFile> }> {
    const { loaded, split, onDisk } = await open(home, now);
    return { store: new StateStore(home, loaded.value, onDisk, split), loaded };
  }

  /** For `state`, to be written whole into `home`. */
  static async over(home: string, state: StateFile): Promise<StateStore> {
    return new StateStore(home, state, await portalFileNames(home), false);
  }

  /** The portal's state changed: its file is written at the next save. */
  changed(portalId: string): void {
    this.#changed.add(portalId);
  }

  /**
   * Writes state.json, the files of the portals that changed, and removes those of portals gone. The
   * portal files are written PORTALS_PER_WRITE at a time, each group serialised with the moment's
   * state.json (written first): a file behind state.json is safe, and a portal changed meanwhile stays
   * due for the next save.
   */
  async save(): Promise<void> {
    const { portals } = this.state;
    const wasSplit = this.split;
    // Before the upgrade every portal is written (and state.json last: see the top of this file).
    const due = Object.keys(portals).filter((portalId) => !this.split || this.#changed.has(portalId) || this.#written.get(portalId) !== portals[portalId]);
    let at = 0;
    do {
      const group = due.slice(at, (at += PORTALS_PER_WRITE)).filter((portalId) => portalId in portals);
      await this.#write(group, this.split);
    } while (at < due.length);
    if (!this.split) {
      await writeFileAtomic(statePath(this.home), this.#serialiseGlobal());
      this.split = true;
    }
    // Files of portals gone; before the upgrade, files on disk belong to no state read (kept as they are).
    const current = new Set(Object.keys(portals).map(portalFileName));
    const gone = wasSplit ? [...this.onDisk].filter((name) => !current.has(name)) : [];
    await Promise.all(gone.map(async (name) => {
      await unlink(join(portalStateDir(this.home), name)).catch(() => {});
      this.onDisk.delete(name);
    }));
    for (const portalId of this.#written.keys()) if (!(portalId in portals)) this.#written.delete(portalId);
    for (const portalId of this.#changed) if (!(portalId in portals)) this.#changed.delete(portalId);
  }

  /** Serialised at once (one moment's state however long the writes take): state.json if `withGlobal`, then the group's files. */
  async #write(group: string[], withGlobal: boolean): Promise<void> {
    const global = withGlobal ? this.#serialiseGlobal() : null;
    const files = group.map((portalId) => {
      const portal = this.state.portals[portalId]!;
      return { name: portalFileName(portalId), portalId, portal, text: serialise({ version: 3, portalId, state: portal } satisfies PortalFile) };
    });
    for (const { portalId } of files) this.#changed.delete(portalId);
    try {
      if (global !== null) await writeFileAtomic(statePath(this.home), global);
      await Promise.all(files.map(async ({ name, portalId, portal, text }) => {
        await writeFileAtomic(join(portalStateDir(this.home), name), text);
        this.onDisk.add(name);
        this.#written.set(portalId, portal);
      }));
    } catch (error) {
      for (const { portalId } of files) this.#changed.add(portalId);
      throw error;
    }
  }

  #serialiseGlobal(): string {
    const { portals: _portals, ...rest } = this.state;
    return serialise({ ...rest, version: 3 } satisfies GlobalFile);
  }
}

const serialise = (value: unknown) => `${JSON.stringify(value)}\n`;

export async function loadState(home: string, now: number): Promise<LoadResult<StateFile>> {
  return (await open(home, now)).loaded;
}

/** Writes the whole state (every portal's file, then state.json). */
export async function saveState(home: string, state: StateFile): Promise<void> {
  await (await StateStore.over(home, state)).save();
}
