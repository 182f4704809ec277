import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const PREFIX = 'config.json.invalid-';

/**
 * Config files the core set aside as invalid (`config.json.invalid-<time>`) that the admin has not acted
 * on yet: still there, and config.json was not written since. Until then every command mentions them, or a
 * later run would only say "No portals configured" and the kept config would be forgotten.
 */
export async function pendingInvalidConfigs(home: string): Promise<string[]> {
  const names = await readdir(home).catch(() => [] as string[]);
  const configWrittenAt = await stat(join(home, 'config.json')).then(
    (file) => file.mtimeMs,
    () => -Infinity,
  );
  return names
    .filter((name) => name.startsWith(PREFIX) && setAsideAt(name) > configWrittenAt)
    .sort()
    .map((name) => join(home, name));
}

/** The time in the name (`2026-11-23T13-35-28-296Z`); a name edited beyond reading counts as just now. */
function setAsideAt(name: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(name.slice(PREFIX.length));
  if (!match) return Infinity;
  const [, day, hours, minutes, seconds, millis] = match;
  return Date.parse(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
}
