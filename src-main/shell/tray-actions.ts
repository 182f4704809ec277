/**
 * What the tray's menu items do, in terms of the service's command handlers. They go through
 * dispatchCommand like any IPC call, so a failure is logged and never escapes into Electron's menu code.
 */
import type { CommandName, CommandInput } from '../contract/api';
import type { Logger } from '../core/ports';
import { dispatchCommand } from '../core/dispatch';
import type { ShellService } from './shell-service';
import type { TrayActions } from './tray';
import type { AppWindow } from './window';

export function trayActionsFor(options: {
  service: Pick<ShellService, 'handlers' | 'snapshot'>;
  window: Pick<AppWindow, 'show' | 'showTask'>;
  quit: () => void;
  logger: Logger;
}): TrayActions {
  const { service, window, quit, logger } = options;
  const run = async <C extends CommandName>(command: C, input: CommandInput<C>) => {
    const result = await dispatchCommand(service.handlers, command, input, logger);
    if (!result.ok) logger.log('warn', `Tray action ${command} failed`, { code: result.error.code, message: result.error.message });
  };
  return {
    openWindow: () => window.show(),
    showTask: (ref) => window.showTask(ref),
    pollNow: () => void run('pollNow', {}),
    pauseNotificationsUntil: (until) => void run('updateSettings', { notificationsPausedUntil: until }),
    quit,
  };
}
