/**
 * The large estate (large-estate.ts) polled once by the real service and shown in the real window.
 * Shared by scale.test.ts and the ui-bench.mjs benchmark.
 */
import { startSimulatedPortal, type SimRunInput } from '../../src-main/sim';
import type { TaskRef } from '../../src-main/contract/models';
import { MemorySecrets } from '../support/core-harness';
import { largeEstate } from './large-estate';
import { startWindow, type WindowHarness } from './window-harness';

export { LONG_HISTORY_TITLE } from './large-estate';

/** What the window's tests and bench need of the portal: in this process, or in one of its own (ui-bench.mjs). */
export interface LargePortal {
  baseUrl: string;
  addRuns(taskId: string, runs: SimRunInput[]): unknown;
  close(): Promise<void>;
}

export interface LargeWindow {
  window: WindowHarness;
  sim: LargePortal;
  longHistory: TaskRef;
  close(): Promise<void>;
}

/** The keychain is not what is measured: an in-memory SecretStore holds the one password. */
export async function startLargeWindow(taskCount: number, historyRuns: number, served?: LargePortal): Promise<LargeWindow> {
  const sim = served ?? (await startSimulatedPortal({ host: '127.0.0.1', tasks: largeEstate(taskCount, historyRuns) }));
  const window = await startWindow({ secrets: new MemorySecrets() });
  const portal = await window.service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password', label: 'Big estate' });
  await window.service.pollOnce();
  return {
    window,
    sim,
    longHistory: { portalId: portal.id, taskId: '0'.padStart(32, '0') },
    async close() {
      await window.close();
      await sim.close();
    },
  };
}
