/**
 * The only file that touches ipcMain. Every contract command gets one handler that checks the sender,
 * then validates and dispatches (dispatch.ts); snapshot pushes go to the window while it lives.
 */
import { ipcMain } from 'electron';
import { commandChannel, commands, type CommandName, type Result } from '../contract/api';
import type { Logger } from '../core/ports';
import { dispatchCommand } from '../core/dispatch';
import type { ShellService } from './shell-service';
import { isTrustedSender, senderUrlOf } from './trusted-sender';
import type { AppWindow } from './window';

export const UNTRUSTED_SENDER_MESSAGE = 'This request did not come from the Taskwatch window and was refused.';

export interface IpcOptions {
  service: Pick<ShellService, 'handlers' | 'onEvent'>;
  window: Pick<AppWindow, 'contents' | 'send'>;
  pageUrl: string;
  logger: Logger;
}

/** Registers every command handler and the snapshot push; returns a function that removes them all. */
export function registerIpc({ service, window, pageUrl, logger }: IpcOptions): () => void {
  const names = Object.keys(commands) as CommandName[];
  for (const name of names) {
    ipcMain.handle(commandChannel(name), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, window.contents, pageUrl)) {
        logger.log('warn', 'Refused a command from an untrusted sender', { command: name, url: senderUrlOf(event) });
        return { ok: false, error: { code: 'forbidden', message: UNTRUSTED_SENDER_MESSAGE } };
      }
      return dispatchCommand(service.handlers, name, input, logger);
    });
  }
  const unsubscribe = service.onEvent('snapshot', (snapshot) => window.send('snapshot', snapshot));
  return () => {
    unsubscribe();
    for (const name of names) ipcMain.removeHandler(commandChannel(name));
  };
}
