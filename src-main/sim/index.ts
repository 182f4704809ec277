/** The simulated portal: for the demo and for tests that need a real portal to talk to. */
export { startSimulatedPortal, type SimulatedPortal, type SimulatedPortalOptions } from './portal-server';
export { demoScenarios } from './scenarios';
export { formatArcgisDate } from './task-json';
export type { RunsStyle } from './routes';
export type { RunOutcome } from './task-store';
export type { UserAccount, UserTable } from './tokens';
export type {
  FailMode,
  RequestLogEntry,
  RequestMatch,
  SimDateFormat,
  SimRun,
  SimRunInput,
  SimRunScript,
  SimScenario,
  SimTask,
} from './types';
