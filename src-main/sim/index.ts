/** The simulated portal: for the demo and for tests that need a real portal to talk to. */
export { startSimulatedPortal, type SimulatedPortal, type SimulatedPortalOptions } from './portal-server';
export { demoScenarios } from './scenarios';
export { SIM_ENDPOINTS } from './failures';
export { formatArcgisDate } from './task-json';
export type { RunsStyle } from './routes';
export type { RunOutcome } from './task-store';
export type { UserAccount, UserTable } from './tokens';
export type {
  FailMode,
  FaultOptions,
  RequestLogEntry,
  RequestMatch,
  SimDateFormat,
  SimHourlyHistory,
  SimRun,
  SimRunInput,
  SimRunScript,
  SimScenario,
  SimTask,
} from './types';
