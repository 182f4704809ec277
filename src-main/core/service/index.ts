export { createTaskwatchService, type TaskwatchService, type TaskwatchServiceOptions } from './service';
export type { PortalPollStats } from './poll-stats';
