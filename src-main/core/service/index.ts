export { createTaskwatchService, type TaskwatchService, type TaskwatchServiceOptions } from './service';
