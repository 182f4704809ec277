/**
 * The window as `npm run demo` shows it: the three demo portals (a failed backup, a stalled cleaner,
 * long names, three time zones), polled once by the real service. Shared by the layout and the
 * accessibility tests and the README screenshots.
 */
import { demoScenarios, startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim';
import type { ChromiumOptions } from '../support/chromium';
import { MemorySecrets } from '../support/core-harness';
import { startWindow, type WindowHarness } from './window-harness';

export interface DemoWindow {
  window: WindowHarness;
  sims: SimulatedPortal[];
  /** Adds the demo portals (already done unless started `empty`) and shows their first poll. */
  addPortals(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoWindow(options: ChromiumOptions & { empty?: boolean } = {}): Promise<DemoWindow> {
  const scenarios = demoScenarios();
  const sims = await Promise.all(scenarios.map((scenario) => startSimulatedPortal({ host: '127.0.0.1', tasks: scenario, context: scenario.name })));
  const window = await startWindow({ secrets: new MemorySecrets(), ...options });
  const addPortals = async () => {
    for (const [index, scenario] of scenarios.entries()) {
      await window.service.handlers.addPortal({ url: sims[index]!.baseUrl, username: 'admin', password: 'admin-password', label: scenario.label, timeZone: scenario.timeZone });
    }
    await window.service.pollOnce();
    await window.load();
  };
  if (options.empty) await window.load();
  else await addPortals();
  return {
    window,
    sims,
    addPortals,
    async close() {
      await window.close();
      await Promise.all(sims.map((sim) => sim.close()));
    },
  };
}
