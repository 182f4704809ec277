import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

function offenders(dir: string, forbidden: (specifier: string, file: string) => boolean): string[] {
  return sourceFiles(join(root, dir)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden(specifier, file))
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

// The layers are what let Electron-free tests prove the app: these rules keep them honest.
describe('layering', () => {
  it('keeps the core and the contract free of Electron', () => {
    const electron = (s: string) => s === 'electron' || s.startsWith('electron/');
    expect([...offenders('src-main/core', electron), ...offenders('src-main/contract', electron)]).toEqual([]);
  });

  it('keeps the core independent of the shell, the CLI, the bridge and the adapters', () => {
    const outward = (s: string) => /(^|\/)(shell|cli|bridge|adapters|preload)\//.test(s);
    expect(offenders('src-main/core', outward)).toEqual([]);
  });

  it('lets the contract depend on zod alone', () => {
    expect(offenders('src-main/contract', (s) => !s.startsWith('./') && s !== 'zod')).toEqual([]);
  });

  it('lets the renderer reach main only through the contract', () => {
    const intoMain = (s: string) => s.includes('src-main') || (s.startsWith('..') && !s.startsWith('$contract'));
    const nodeOrElectron = (s: string) => s.startsWith('node:') || s === 'electron';
    expect(offenders('src-renderer', (s, file) => nodeOrElectron(s) || (intoMain(s) && escapesRenderer(s, file)))).toEqual([]);
  });
});

function escapesRenderer(specifier: string, file: string): boolean {
  const target = join(file, '..', specifier);
  return !target.startsWith(join(root, 'src-renderer'));
}
