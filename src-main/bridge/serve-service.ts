import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandInput, CommandName, CommandOutput } from '../contract/api';
import { DesktopNotifier } from '../adapters/desktop-notifier';
import { createFileLogger } from '../adapters/file-logger';
import { KeytarSecretStore } from '../adapters/keytar-secrets';
import type { SecretStore } from '../core/ports';
import { createTaskwatchService, type TaskwatchService } from '../core/service';
import { invokeCommand } from '../core/dispatch';
import { startBridge } from './server';

export interface ServedService {
  service: TaskwatchService;
  url: string;
  call<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>>;
  close(): Promise<void>;
}

/**
 * The real core (keychain, notifications, log file) with its window served through the bridge: what the
 * Electron shell does, with a browser in place of BrowserWindow. Exports land in `<home>/exports`.
 */
export async function serveThroughBridge(options: {
  home: string;
  rendererDir: string;
  port?: number;
  /** The OS keychain unless given (the demo keeps its portals' passwords in memory). */
  secrets?: SecretStore;
}): Promise<ServedService> {
  const logger = createFileLogger({ dir: join(options.home, 'logs') });
  const exports = join(options.home, 'exports');
  const service = await createTaskwatchService({
    home: options.home,
    secrets: options.secrets ?? new KeytarSecretStore(),
    notifier: new DesktopNotifier({ logger }),
    logger,
    saveExport: async (fileName, content) => {
      await mkdir(exports, { recursive: true });
      await writeFile(join(exports, fileName), content, 'utf8');
      return { saved: true, fileName: join(exports, fileName) };
    },
    // No system browser behind the bridge: say where the link leads instead.
    openExternal: async (url) => console.log(`taskwatch: open ${url}`),
  });
  await service.start();
  const bridge = await startBridge({
    handlers: service.handlers,
    onSnapshot: (listener) => service.onEvent('snapshot', listener),
    rendererDir: options.rendererDir,
    logger,
    ...(options.port ? { port: options.port } : {}),
  });
  return {
    service,
    url: bridge.url,
    call: (command, input) => invokeCommand(service.handlers, command, input, logger),
    async close() {
      await bridge.close();
      await service.stop();
      logger.close();
    },
  };
}
