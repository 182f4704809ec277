import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src-main/adapters/file-secrets';
import { readOwnerOnly } from '../../src-main/adapters/owner-only-file';
import type { SecretStore } from '../../src-main/core/ports';
import { scratchFolder } from '../support/core-harness';

/** Passwords for `taskwatch serve` where no desktop keychain exists: real files, real modes. */
describe('FileSecretStore', () => {
  let dir: Awaited<ReturnType<typeof scratchFolder>>;
  let file: string;

  async function writePasswords(content: string, mode = 0o600): Promise<void> {
    await writeFile(file, content);
    await chmod(file, mode);
  }

  beforeEach(async () => {
    dir = await scratchFolder();
    file = join(dir.path, 'passwords.json');
  });
  afterEach(() => dir.remove());

  it('finds a portal password under the portal id, however the URL was written', async () => {
    await writePasswords(JSON.stringify({ 'https://GIS.example.com/portal/': 's3cret-one', 'gis2.example.com/arcgis': 's3cret-two' }));
    const store = new FileSecretStore({ kind: 'file', path: file });
    await store.check();
    expect(await store.get('https://gis.example.com/portal')).toBe('s3cret-one');
    expect(await store.get('https://gis2.example.com/arcgis')).toBe('s3cret-two');
    expect(await store.get('https://other.example.com/portal')).toBeNull();
    // What the portal's status and alert then say: where the password was looked for, not the keychain.
    expect(store.missingPassword('https://other.example.com/portal')).toBe(
      `No password for https://other.example.com/portal in the password file ${file}: add an entry with the portal URL as its key.`,
    );
  });

  it('reads the file again when a token is needed, so a rotated password needs no restart', async () => {
    await writePasswords(JSON.stringify({ 'https://gis.example.com/portal': 'old-password' }));
    const store = new FileSecretStore({ kind: 'file', path: file });
    expect(await store.get('https://gis.example.com/portal')).toBe('old-password');
    await writePasswords(JSON.stringify({ 'https://gis.example.com/portal': 'new-password' }));
    expect(await store.get('https://gis.example.com/portal')).toBe('new-password');
  });

  it('refuses a file that others can read, and says how to fix it', async () => {
    await writePasswords(JSON.stringify({ 'https://gis.example.com/portal': 's3cret' }), 0o644);
    await expect(new FileSecretStore({ kind: 'file', path: file }).check()).rejects.toThrow(
      `The password file ${file} can be read or changed by others (mode 644): run chmod 600 ${file}.`,
    );
  });

  it('never quotes the content of a broken file or variable in its error', async () => {
    await writePasswords('{ "https://gis.example.com/portal": hunter2-secret }');
    const fromFile = new FileSecretStore({ kind: 'file', path: file }).check();
    await expect(fromFile).rejects.toThrow(`The password file ${file} is not JSON.`);
    await expect(fromFile.catch((error: Error) => error.message)).resolves.not.toContain('hunter2');

    const wrongShape = new FileSecretStore({ kind: 'env', name: 'TASKWATCH_PASSWORDS', text: '{"https://gis.example.com/portal": ["hunter2-secret"]}' });
    const message = await wrongShape.check().catch((error: Error) => error.message);
    expect(message).toBe('The environment variable TASKWATCH_PASSWORDS must be one JSON object of portal URL to password (a non-empty string).');
  });

  it('is read-only: passwords are changed in the file, not through Taskwatch', async () => {
    await writePasswords('{}');
    const store: SecretStore = new FileSecretStore({ kind: 'file', path: file });
    await expect(store.set('https://gis.example.com/portal', 'x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(store.delete('https://gis.example.com/portal')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('takes a systemd credential as it is: root-owned 0400 plus an ACL mask that stat shows as 0440', async () => {
    const credentials = join(dir.path, 'credentials');
    await mkdir(credentials);
    const credential = join(credentials, 'passwords');
    await writeFile(credential, '{}');
    await chmod(credential, 0o440);
    await expect(readOwnerOnly(credential, 'The password file', {})).rejects.toThrow('mode 440');
    await expect(readOwnerOnly(credential, 'The password file', { CREDENTIALS_DIRECTORY: credentials })).resolves.toBe('{}');
  });
});
