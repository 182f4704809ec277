import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The built `npm start` entry where Electron cannot open a window (no display here, and maybe no binary). */
const START = join(import.meta.dirname, '../../out/main/start.js');

describe('npm start without a usable Electron', () => {
  it('says why in one line and points to the browser window, with no stack trace', () => {
    const env = { ...process.env };
    for (const name of ['DISPLAY', 'WAYLAND_DISPLAY']) delete env[name];
    const ran = spawnSync(process.execPath, [START], { env, encoding: 'utf8', timeout: 20_000 });
    expect(ran.status).toBe(3);
    expect(ran.stdout).toBe('');
    const lines = ran.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^taskwatch: the desktop app cannot start here: (Electron is not installed|there is no display|Electron does not run as root)/);
    expect(lines[0]).toContain('`npm run demo` shows the window in your browser');
  });
});
