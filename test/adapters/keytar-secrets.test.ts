import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore, type KeytarApi } from '../../src-main/adapters/keytar-secrets';

// Runs under test/support/desktop-session.sh: a private session bus with a real, unlocked GNOME Keyring.
const run = promisify(execFile);
const runTs = join(import.meta.dirname, 'child/run-ts.mjs');
const probe = join(import.meta.dirname, 'child/keychain-probe.ts');
const store = new KeytarSecretStore();
const accounts = ['portal-a', 'portal-b'];

afterAll(async () => {
  for (const account of accounts) await store.delete(account);
});

/** What secret-tool finds (it prints the secret on stdout and the attributes on stderr). */
function keyringItems(): string {
  const { stdout, stderr } = spawnSync('secret-tool', ['search', '--all', 'service', 'taskwatch'], { encoding: 'utf8' });
  return stdout + stderr;
}

/**
 * The failure cases need a process whose session bus is missing or whose keyring is locked from the start:
 * libsecret connects once per process and keeps the connection, so changing process.env inside this worker
 * proves nothing. The child loads the same adapter source through Vite's module runner (test/adapters/child).
 */
async function probeInChild(env: NodeJS.ProcessEnv, wrapper: string[] = []) {
  const [file, ...args] = [...wrapper, process.execPath, runTs, probe];
  const { stdout } = await run(file!, args, { env, timeout: 30_000 });
  return JSON.parse(stdout) as { ok: boolean; code?: string; message?: string; ms: number };
}

describe('KeytarSecretStore against the real GNOME Keyring', () => {
  it('stores, reads, replaces and deletes a password', async () => {
    expect(await store.get('portal-a')).toBeNull();
    await store.set('portal-a', 'first "pässword" with spaces');
    expect(await store.get('portal-a')).toBe('first "pässword" with spaces');
    await store.set('portal-a', 'second');
    expect(await store.get('portal-a')).toBe('second');
    expect(await store.delete('portal-a')).toBe(true);
    expect(await store.get('portal-a')).toBeNull();
    expect(await store.delete('portal-a')).toBe(false);
  });

  it('keeps two portals apart', async () => {
    await store.set('portal-a', 'secret-a');
    await store.set('portal-b', 'secret-b');
    await store.delete('portal-a');
    expect(await store.get('portal-a')).toBeNull();
    expect(await store.get('portal-b')).toBe('secret-b');
  });

  it('writes a real keyring item with service and account attributes', async () => {
    await store.set('portal-b', 'secret-b');
    const items = keyringItems();
    expect(items).toContain('attribute.service = taskwatch');
    expect(items).toContain('attribute.account = portal-b');
    expect(items).toContain('secret = secret-b');
  });

  it('rejects an empty account or password before touching the keychain', async () => {
    await expect(store.set('', 'x')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(store.set('portal-a', '')).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('KeytarSecretStore when the keychain cannot be used', () => {
  function envWithout(...names: string[]): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of names) delete env[name];
    return env;
  }

  it.each([
    [
      'the session bus socket does not exist',
      { ...envWithout('DISPLAY'), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/taskwatch-bus' },
    ],
    ['there is no session bus at all', envWithout('DISPLAY', 'DBUS_SESSION_BUS_ADDRESS')],
  ])('says so in one clear sentence when %s', async (_, env) => {
    const outcome = await probeInChild(env);
    expect(outcome).toMatchObject({ ok: false, code: 'keychain-unavailable' });
    expect(outcome.message).toMatch(/^The OS keychain is not available: this process has no desktop session bus/);
    expect(outcome.message).toContain('never stores passwords in files');
    expect(outcome.message).not.toContain('probe-secret');
    expect(outcome.ms).toBeLessThan(2_000);
  });

  it('tells the admin to unlock a locked keyring', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'taskwatch-locked-'));
    try {
      const lockThenProbe =
        'printf locked-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ' +
        'dbus-send --session --print-reply=literal --dest=org.freedesktop.secrets --type=method_call /org/freedesktop/secrets ' +
        'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null && exec "$@"';
      const env = { ...envWithout('DISPLAY'), HOME: scratch, XDG_RUNTIME_DIR: scratch };
      const outcome = await probeInChild(env, ['dbus-run-session', '--', 'bash', '-c', lockThenProbe, 'locked']);
      expect(outcome).toMatchObject({ ok: false, code: 'keychain-unavailable' });
      expect(outcome.message).toMatch(/^The OS keychain is locked or has no login keyring: unlock/);
      expect(outcome.message).not.toContain('probe-secret');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('explains a keychain module that is missing or built for another runtime', async () => {
    const require = createRequire(import.meta.url);
    const broken = new KeytarSecretStore({ load: async () => require('./no-such-build/keytar.node') as KeytarApi });
    const failure = broken.set('portal-a', 'secret-that-must-not-leak');
    await expect(failure).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(failure).rejects.toThrow(/keytar\) is missing or was built for another runtime/);
    await expect(failure).rejects.not.toThrow(/secret-that-must-not-leak/);
  });
});
