import { basename, join } from 'node:path';
import type { CommandInput, CommandName, CommandOutput } from '../contract/api';
import { DesktopNotifier } from '../adapters/desktop-notifier';
import { createFileLogger } from '../adapters/file-logger';
import type { Logger } from '../core/ports';
import { KeytarSecretStore } from '../adapters/keytar-secrets';
import { TaskwatchError } from '../core/errors';
import { createTaskwatchService, type TaskwatchService, type TaskwatchServiceOptions } from '../core/service';
import { invokeCommand } from '../core/dispatch';
import { holdHomeToChangeConfig } from './home-owner';
import { pendingInvalidConfigs } from './kept-config';

export interface Cli {
  home: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Set when the home's running owner carries the command out for the CLI (owner-control.ts): its live service. */
  owner?: OwnedService;
}

/** The service of the process that owns the home, with the logger it logs to. */
export interface OwnedService {
  service: TaskwatchService;
  logger: Logger;
}

export interface OpenedService {
  service: TaskwatchService;
  logger: Logger;
  /** Config files set aside as invalid that the admin has not acted on (each already mentioned on stderr). */
  invalidConfigs: string[];
  /** Runs a contract command through the same validation as the window's IPC; throws on failure. */
  call<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>>;
  close(): Promise<void>;
}

export interface OpenOptions extends Partial<TaskwatchServiceOptions> {
  /**
   * The command changes config.json (portal, channel, mute, maintenance): it holds the home while it does,
   * since a running Taskwatch would write its own copy of the configuration over the change.
   */
  changesConfig?: boolean;
  /**
   * The command reads stored passwords: ask the keychain once up front, so that an unavailable keychain is
   * one error (exit 3) rather than the same sentence for every portal.
   */
  needsKeychain?: boolean;
}

/** The same core, keychain, notifications and log file the desktop app uses, for one CLI command. */
async function openService(cli: Cli, options: OpenOptions = {}): Promise<OpenedService> {
  if (cli.owner) return ownersService(cli.owner);
  const { needsKeychain, changesConfig, ...serviceOptions } = options;
  const lock = changesConfig ? await holdHomeToChangeConfig(cli.home) : null;
  const logger = createFileLogger({ dir: join(cli.home, 'logs') });
  const secrets = new KeytarSecretStore();
  const service = await createTaskwatchService({
    home: cli.home,
    secrets,
    notifier: new DesktopNotifier({ logger }),
    logger,
    ...serviceOptions,
  }).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const close = async () => {
    await service.stop();
    logger.close();
    await lock?.release();
  };
  const { notices, portals } = service.snapshot();
  for (const notice of notices) cli.err(`taskwatch: ${notice}`);
  const invalidConfigs = await pendingInvalidConfigs(cli.home);
  for (const path of invalidConfigs.filter((kept) => !notices.some((notice) => notice.includes(basename(kept))))) {
    cli.err(`taskwatch: ${path} still holds a config that was set aside as not valid; Taskwatch runs without it. Fix it and rename it to config.json, or delete it.`);
  }
  if (needsKeychain && portals.length > 0) {
    await secrets.get(portals[0]!.id).catch(async (error: unknown) => {
      await close();
      throw error;
    });
  }
  return { service, logger, invalidConfigs, call: caller(service, logger, `the log has the details: ${logger.path}`), close };
}

/** Opens the service for one command and closes it after, however the command ends. */
export async function withService<T>(cli: Cli, options: OpenOptions, use: (opened: OpenedService) => Promise<T>): Promise<T> {
  const opened = await openService(cli, options);
  try {
    return await use(opened);
  } finally {
    await opened.close();
  }
}

/** The owner's own service, as it runs: already open, and not this command's to close. */
function ownersService({ service, logger }: OwnedService): OpenedService {
  return { service, logger, invalidConfigs: [], call: caller(service, logger, 'its log has the details'), close: async () => {} };
}

function caller(service: TaskwatchService, logger: Logger, whereDetailsAre: string): OpenedService['call'] {
  return (command, input) =>
    invokeCommand(service.handlers, command, input, logger).catch((error: unknown) => {
      // The core keeps an unexpected failure's text for the log; a terminal user needs to know where that is.
      if (error instanceof TaskwatchError && error.code === 'internal') {
        throw new TaskwatchError('internal', `Something went wrong inside Taskwatch; ${whereDetailsAre}`);
      }
      throw error;
    });
}
