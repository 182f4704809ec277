/**
 * While the app runs, `taskwatch mute`, `unmute` and `maintenance add|remove` are carried out by it, in its
 * process, as `watch` and `serve` do (cli/owner-control.ts): a script that mutes a task around a patch
 * night works whichever Taskwatch owns the home. Portals and channels, which bring secrets, stay the window's.
 */
import { offerOwnerControl, type OwnerControl } from '../cli/owner-control';
import type { TaskwatchService } from '../core/service';
import type { Logger } from '../core/ports';

export function commandLineDoor(home: string, logger: Logger): (service: TaskwatchService) => Promise<OwnerControl | null> {
  return async (service) => {
    // The CLI's commands (and what serve needs) are loaded once the app has started, not before its window.
    const { runForOwner } = await import('../cli/command-line');
    return offerOwnerControl(home, { service, logger }, runForOwner);
  };
}
