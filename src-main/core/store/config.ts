import { join } from 'node:path';
import { z } from 'zod';
import { Settings } from '../../contract/models';
import { Fingerprint, PortalUrl, TimeZone } from '../../contract/api';
import { ChannelConfig, MaintenanceWindow, Mute } from '../../contract/routing';
import { loadJsonFile, saveJsonFile, type LoadResult } from './json-file';

/** Per-task tuning an admin may write into config.json by hand. */
const TaskOverride = z.object({
  /** Minutes after a due time before a missing run counts as overdue. */
  graceMinutes: z.number().positive().optional(),
});

/** A portal as saved on disk: everything but the password, which lives in the OS keychain. */
export const PortalConfig = z.object({
  id: z.string().min(1),
  url: PortalUrl,
  label: z.string().default(''),
  adminUrl: PortalUrl,
  username: z.string().min(1),
  /** The zone the portal schedules in; null: learnt from the portal's own task times. */
  timeZone: TimeZone.nullable().default(null),
  fingerprint: Fingerprint.nullable().default(null),
  pollIntervalSeconds: z.number().int().min(10).max(86_400).nullable().default(null),
  tasks: z.record(z.string(), TaskOverride).default({}),
});
export type PortalConfig = z.infer<typeof PortalConfig>;

export const ConfigFile = z.object({
  version: z.literal(1),
  portals: z.array(PortalConfig),
  settings: Settings.prefault({}),
  /** Email and chat channels (core/channels); their secrets are in the keychain. */
  channels: z.array(ChannelConfig).default([]),
  /** Tasks and portals whose alerts are recorded but not sent (contract/routing.ts). */
  mutes: z.array(Mute).default([]),
  /** Portals' planned downtimes: problems recorded, sent once at the end if still open. */
  maintenance: z.array(MaintenanceWindow).default([]),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export const emptyConfig = (): ConfigFile => ({ version: 1, portals: [], settings: Settings.parse({}), channels: [], mutes: [], maintenance: [] });

export const configPath = (home: string) => join(home, 'config.json');

export function loadConfig(home: string, now: number): Promise<LoadResult<ConfigFile>> {
  return loadJsonFile(configPath(home), ConfigFile, emptyConfig, now);
}

export function saveConfig(home: string, config: ConfigFile): Promise<void> {
  return saveJsonFile(configPath(home), ConfigFile.parse(config), { readable: true });
}
