import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const UNIT = join(import.meta.dirname, '../../build/serve/taskwatch.service');

/** The unit an admin copies to /etc/systemd/system, checked by systemd's own parser (no systemd needs to run). */
describe('build/serve/taskwatch.service', () => {
  it('is a unit systemd accepts without a warning: every key known, ExecStart an absolute program', () => {
    const verified = spawnSync('systemd-analyze', ['verify', '--man=no', UNIT], { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_LEVEL: 'info' } });
    expect(verified.error).toBeUndefined();
    expect(verified.stdout + verified.stderr).toBe('');
    expect(verified.status).toBe(0);
  });
});
