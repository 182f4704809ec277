import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const main = (path: string) => resolve(import.meta.dirname, 'src-main', path);

// electron-vite only discovers entries under src/main, src/preload and src/renderer,
// so every entry of this layout is named explicitly.
export default defineConfig({
  main: {
    build: {
      // Node-only entries share the core with the Electron entry: one build, several doors.
      lib: {
        entry: {
          index: main('shell/main.ts'),
          cli: main('cli/taskwatch.ts'),
          start: main('shell/start.ts'),
          demo: main('sim/demo.ts'),
          bridge: main('bridge/serve.ts'),
          bench: main('bench/bench.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload may only require('electron'): bundle zod and the contract into one CJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      lib: { entry: { index: main('preload/index.ts') }, formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    resolve: { alias: { $contract: main('contract') } },
    // Minified: the window's first frame waits for its script to be compiled (~0.5 MB as written, about half minified).
    build: { minify: true, rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') } },
    plugins: [svelte({ configFile: resolve(import.meta.dirname, 'src-renderer/svelte.config.js') })],
  },
});
