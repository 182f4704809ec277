import { join } from 'node:path';
import type { CommandInput, CommandName, CommandOutput } from '../contract/api';
import { DesktopNotifier } from '../adapters/desktop-notifier';
import { createFileLogger, type FileLogger } from '../adapters/file-logger';
import { KeytarSecretStore } from '../adapters/keytar-secrets';
import { createTaskwatchService, type TaskwatchService, type TaskwatchServiceOptions } from '../core/service';
import { invokeCommand } from '../core/dispatch';

export interface Cli {
  home: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface OpenedService {
  service: TaskwatchService;
  logger: FileLogger;
  /** Runs a contract command through the same validation as the window's IPC; throws on failure. */
  call<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>>;
  close(): Promise<void>;
}

/** The same core, keychain, notifications and log file the desktop app uses, for one CLI command. */
export async function openService(cli: Cli, options: Partial<TaskwatchServiceOptions> = {}): Promise<OpenedService> {
  const logger = createFileLogger({ dir: join(cli.home, 'logs') });
  const service = await createTaskwatchService({
    home: cli.home,
    secrets: new KeytarSecretStore(),
    notifier: new DesktopNotifier({ logger }),
    logger,
    ...options,
  });
  for (const notice of service.snapshot().notices) cli.err(`taskwatch: ${notice}`);
  return {
    service,
    logger,
    call: (command, input) => invokeCommand(service.handlers, command, input, logger),
    async close() {
      await service.stop();
      logger.close();
    },
  };
}
