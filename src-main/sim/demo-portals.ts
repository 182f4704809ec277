import { startSimulatedPortal, type SimulatedPortal } from './portal-server';
import { demoScenarios } from './scenarios';
import type { SimScenario } from './types';

export const DEMO_USER = 'admin';
export const DEMO_PASSWORD = 'admin-password';
/** Fixed ports keep a demo portal's address (and so its keychain entry) the same from run to run. */
const FIRST_PORT = 47_801;

export interface DemoPortal {
  scenario: SimScenario;
  portal: SimulatedPortal;
}

/** The demo's simulated portals on 127.0.0.1, running their schedules live against the real clock. */
export async function startDemoPortals(): Promise<DemoPortal[]> {
  const started: DemoPortal[] = [];
  for (const [index, scenario] of demoScenarios().entries()) {
    const options = { tasks: scenario, live: true, users: { [DEMO_USER]: DEMO_PASSWORD }, context: scenario.name };
    const portal = await startSimulatedPortal({ ...options, port: FIRST_PORT + index }).catch(() =>
      startSimulatedPortal({ ...options, port: 0 }),
    );
    started.push({ scenario, portal });
  }
  return started;
}
