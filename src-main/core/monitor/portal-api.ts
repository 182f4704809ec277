import type { RunsQuery } from '../portal/client';
import type { PortalTask, RunsPage } from '../portal/types';

/**
 * What the monitor needs from a portal. `PortalClient` is the real one; the benchmark and tests use the
 * same client against the simulated portal, so this seam exists only to keep the monitor's imports small.
 */
export interface PortalApi {
  listTasks(): Promise<{ tasks: PortalTask[]; skipped: Array<{ index: number; reason: string }> }>;
  listRuns(taskId: string, page: RunsQuery): Promise<RunsPage>;
  setTaskEnabled(taskId: string, enabled: boolean): Promise<void>;
  testConnection(): Promise<{ taskCount: number }>;
}
