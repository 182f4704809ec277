// ESLint for the whole repository: TypeScript and Svelte recommended rules, plus the layer rules of README
// "How it is built", enforced on every import by eslint-plugin-boundaries.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layers, by folder. */
const layers = [
  { type: 'contract', pattern: 'src-main/contract' },
  { type: 'core', pattern: 'src-main/core' },
  { type: 'adapters', pattern: 'src-main/adapters' },
  { type: 'shell', pattern: 'src-main/shell' },
  { type: 'preload', pattern: 'src-main/preload' },
  { type: 'cli', pattern: 'src-main/cli' },
  { type: 'bridge', pattern: 'src-main/bridge' },
  { type: 'sim', pattern: 'src-main/sim' },
  { type: 'bench', pattern: 'src-main/bench' },
  { type: 'renderer', pattern: 'src-renderer' },
];

const electron = { module: { source: 'electron' } };
const nodeBuiltin = { module: { origin: 'core' } };

export default defineConfig(
  { ignores: ['out/', 'dist/', 'coverage/', 'test-results/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The code's convention: a leading underscore marks a value kept unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // `let x = fallback; try { x = ... } catch { x = fallback }` states the fallback where it is declared.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Fakes of Electron and raw portal answers are untyped on purpose; the code under test is typed.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Code handed to page.evaluate runs in the browser.
    files: ['test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src-renderer/**/*.svelte', 'src-renderer/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    // Maps built inside $derived are replaced whole on every change, never mutated: plain Map is right.
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    files: ['src-main/**', 'src-renderer/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'import/resolver': { node: { extensions: ['.ts', '.js', '.svelte'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          // Also judge imports of packages and Node's own modules (electron, node:*), not only of our files.
          checkAllOrigins: true,
          policies: [
            {
              from: { element: { type: 'core' } },
              disallow: { to: [electron, { element: { types: { anyOf: ['adapters', 'shell', 'preload', 'cli', 'bridge', 'sim', 'bench', 'renderer'] } } }] },
              message: 'The core is pure Node: it never imports electron, the adapters, the shell, the CLI or the bridge.',
            },
            {
              from: { element: { type: 'contract' } },
              disallow: { to: [{ element: { type: '!contract' } }, { module: { origin: '!local', source: '!zod' } }] },
              message: 'The contract depends on zod alone.',
            },
            {
              from: { element: { type: 'renderer' } },
              disallow: { to: [electron, nodeBuiltin, { element: { types: { noneOf: ['renderer', 'contract'] } } }] },
              message: 'The renderer speaks only the contract: no Node, no Electron, nothing else of main.',
            },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC lives in two files: everything else goes through the contract's validated dispatch.
    files: ['src-main/**', 'src-renderer/**'],
    ignores: ['src-main/shell/ipc.ts', 'src-main/preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Raw IPC only in src-main/shell/ipc.ts (ipcMain) and src-main/preload/index.ts (ipcRenderer).',
            },
          ],
        },
      ],
    },
  },
);
