// Runs one TypeScript scenario file in a fresh Node process, through Vite's module runner (the same
// transform Vitest uses), so that a test can give the code under test an environment of its own
// (no session bus, an abrupt exit) without a second TypeScript toolchain. Usage: node run-ts.mjs <file.ts>
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const root = resolve(import.meta.dirname, '../../..');
await runnerImport(resolve(process.argv[2]), { root, configFile: false, logLevel: 'silent' });
