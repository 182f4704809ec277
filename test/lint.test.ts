import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of README "How it is built" live in eslint.config.js (run by `npm test` as `npm run lint`).
 * These cases prove each rule catches a violation and lets the legitimate imports through, by linting
 * source text as if it sat at a path in the repository.
 */
const eslint = new ESLint({ cwd: join(import.meta.dirname, '..') });

/** The messages of the rules that guard the layers, for `code` placed at `filePath`. */
async function layerViolations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((message) => message.ruleId === 'boundaries/dependencies' || message.ruleId === 'no-restricted-imports')
    .map((message) => `${message.line}: ${message.message}`);
}

const use = (...names: string[]) => `export const used = [${names.join(', ')}];\n`;

describe('the layer rules', () => {
  it('keep the core free of electron, the adapters, the shell, the CLI and the bridge', async () => {
    const code =
      "import { app } from 'electron';\n" +
      "import { createFileLogger } from '../adapters/file-logger';\n" +
      "import { runOnAppRuntime } from '../cli/app-runtime';\n" +
      "import { startBridge } from '../bridge/server';\n" +
      "import { TaskwatchError } from './errors';\n" +
      "import { readFile } from 'node:fs/promises';\n" +
      use('app', 'createFileLogger', 'runOnAppRuntime', 'startBridge', 'TaskwatchError', 'readFile');
    const found = await layerViolations('src-main/core/example.ts', code);
    expect(found.map((line) => Number(line.split(':')[0]))).toEqual([1, 2, 3, 4]);
    expect(found[0]).toContain('The core is pure Node');
  });

  it('let the contract depend on zod alone', async () => {
    const code =
      "import { z } from 'zod';\n" +
      "import { commands } from './api';\n" +
      "import { readFileSync } from 'node:fs';\n" +
      "import { TaskwatchError } from '../core/errors';\n" +
      use('z', 'commands', 'readFileSync', 'TaskwatchError');
    expect((await layerViolations('src-main/contract/example.ts', code)).map((line) => line.split(':')[0])).toEqual(['3', '4']);
  });

  it('let the renderer import only the contract (no Node, no Electron, no other part of main)', async () => {
    const code =
      "import type { ApiError } from '$contract/api';\n" +
      "import { exactTime } from './format';\n" +
      "import { shell } from 'electron';\n" +
      "import { readFileSync } from 'node:fs';\n" +
      "import { TaskwatchError } from '../../src-main/core/errors';\n" +
      use('exactTime', 'shell', 'readFileSync', 'TaskwatchError') +
      'export type Failure = ApiError;\n';
    expect((await layerViolations('src-renderer/lib/example.ts', code)).map((line) => line.split(':')[0])).toEqual(['3', '4', '5']);
  });

  it('hold in Svelte components too', async () => {
    const code = "<script lang=\"ts\">\n  import { readFileSync } from 'node:fs';\n  console.log(readFileSync);\n</script>\n";
    expect(await layerViolations('src-renderer/components/Example.svelte', code)).toHaveLength(1);
  });

  it('keep raw ipcMain and ipcRenderer in their two files', async () => {
    const main = "import { ipcMain } from 'electron';\n" + use('ipcMain');
    expect(await layerViolations('src-main/shell/tray.ts', main)).toEqual([expect.stringContaining('Raw IPC only in src-main/shell/ipc.ts')]);
    expect(await layerViolations('src-main/shell/ipc.ts', main)).toEqual([]);
    const preload = "import { ipcRenderer } from 'electron';\n" + use('ipcRenderer');
    expect(await layerViolations('src-main/bridge/server.ts', preload)).toHaveLength(1);
    expect(await layerViolations('src-main/preload/index.ts', preload)).toEqual([]);
  });
});
