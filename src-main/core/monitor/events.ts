import type { PortalHealthState, CachedRun, CachedTask } from '../store/state';

/** What one poll of one portal found, for alert rules, the CLI and the window. */
export type MonitorEvent =
  | { type: 'portal-health'; portalId: string; health: PortalHealthState; previous: PortalHealthState }
  | { type: 'task-added'; portalId: string; task: CachedTask }
  | { type: 'task-changed'; portalId: string; task: CachedTask; previous: CachedTask }
  | { type: 'task-removed'; portalId: string; taskId: string }
  /**
   * A completed run Taskwatch had not seen before. `baseline` runs were found on the first look at a
   * portal or task: history to record, not news to replay (only the latest one may still be reported).
   */
  | { type: 'run-seen'; portalId: string; task: CachedTask; run: CachedRun; baseline: boolean; latest: boolean }
  /** The newest run succeeded where the one before it had failed. */
  | { type: 'task-recovered'; portalId: string; task: CachedTask; run: CachedRun };
