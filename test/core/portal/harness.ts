/** Shared set-up for the portal client tests: a client pointed at a simulated portal, a hand-moved clock. */
import type { Clock, Logger } from '../../../src-main/core/ports';
import { PortalClient, type PortalClientDeps, type PortalConnection } from '../../../src-main/core/portal';
import { afterEach } from 'vitest';
import { startSimulatedPortal, type SimTask, type SimulatedPortal, type SimulatedPortalOptions } from '../../../src-main/sim';

export const PASSWORD = 'admin-password';

export const gpTask: SimTask = { id: 'gp1', title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: '0 0 * * * ?' };
export const backupTask: SimTask = { id: 'bk1', title: 'weekly', taskType: 'CreateBackup', cronExpression: '0 0 4 ? * 7' };

/** Starts simulated portals (two tasks unless told otherwise) and closes them after each test. */
export function simulatedPortals(): (options?: SimulatedPortalOptions) => Promise<SimulatedPortal> {
  const started: SimulatedPortal[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((portal) => portal.close()));
  });
  return async (options = {}) => {
    const portal = await startSimulatedPortal({ tasks: [gpTask, backupTask], ...options });
    started.push(portal);
    return portal;
  };
}


export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A clock that only moves when told; shared by the simulator and the client in token tests. */
export function manualClock(start = Date.UTC(2024, 5, 1, 12)): ManualClock {
  let now = start;
  return {
    now: () => now,
    setTimeout: () => () => {},
    advance: (ms) => void (now += ms),
  };
}

/** Log lines as JSON text, to check that no secret ever reaches a log. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, message, fields) => void lines.push(JSON.stringify({ level, message, fields })) };
}

export function clientFor(
  sim: Pick<SimulatedPortal, 'baseUrl' | 'adminUrl'>,
  connection: Partial<PortalConnection> = {},
  deps: Partial<PortalClientDeps> = {},
): PortalClient {
  return new PortalClient(
    { baseUrl: sim.baseUrl, adminUrl: sim.adminUrl, username: 'admin', timeZone: 'UTC', fingerprint: null, ...connection },
    { getPassword: async () => PASSWORD, ...deps },
  );
}

/** The rejection of `promise`, which must reject. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure, but the call succeeded');
}
