import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The window's plain TypeScript (src-renderer/lib) is unit-tested too; it names the contract as Vite builds it.
  resolve: { alias: { $contract: resolve(import.meta.dirname, '../src-main/contract') } },
  test: {
    root: resolve(import.meta.dirname, '..'),
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers, a real keyring and a real Chromium share two cores: keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
