import type { PortalHealthState, CachedRun, CachedTask } from '../store/state';

/** What one poll of one portal found, for alert rules, the CLI and the window. */
export type MonitorEvent =
  | { type: 'portal-health'; portalId: string; health: PortalHealthState; previous: PortalHealthState }
  | { type: 'task-added'; portalId: string; task: CachedTask }
  | { type: 'task-changed'; portalId: string; task: CachedTask; previous: CachedTask }
  | { type: 'task-removed'; portalId: string; taskId: string }
  /**
   * A finished run Taskwatch had not processed before. `news`: it happened since Taskwatch last looked
   * (or is the latest run found on a first look); other first-look runs are history, recorded only.
   */
  | { type: 'run-seen'; portalId: string; task: CachedTask; run: CachedRun; news: boolean }
  /** The newest run succeeded where the one before it had not. */
  | { type: 'task-recovered'; portalId: string; task: CachedTask; run: CachedRun }
  /**
   * Runs that happened since `since` could not all be checked: the portal no longer lists them, or there
   * were more than Taskwatch reads in one go. `count` when it can be told.
   */
  | { type: 'runs-unchecked'; portalId: string; task: CachedTask; since: number; until: number | null; count: number | null; reason: string };
