/**
 * The part of the core service the shell uses. Naming only these members lets the shell's unit tests
 * hand in a small fake, while the real service satisfies it by definition.
 */
import type { TaskwatchService } from '../core/service';

export type ShellService = Pick<TaskwatchService, 'handlers' | 'onEvent' | 'snapshot' | 'start' | 'stop'>;
