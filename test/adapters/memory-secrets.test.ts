import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORDS_ENV, demoSecretsFromEnv } from '../../src-main/adapters/memory-secrets';

// How `npm run demo` hands its portals' passwords to the desktop app it starts (src-main/shell/main.ts).
describe('the demo passwords handed to the desktop app', () => {
  it('is the OS keychain (null) unless the demo set the variable', () => {
    expect(demoSecretsFromEnv({})).toBeNull();
  });

  it('gives the app exactly the demo portals\' passwords, in memory', async () => {
    const secrets = demoSecretsFromEnv({ [DEMO_PASSWORDS_ENV]: JSON.stringify({ 'http://127.0.0.1:47801/gis-prod': 'admin-password' }) });
    expect(await secrets!.get('http://127.0.0.1:47801/gis-prod')).toBe('admin-password');
    expect(await secrets!.get('https://gis.example.com/portal')).toBeNull();
  });

  it('refuses anything but an object of portal ids to passwords', () => {
    for (const text of ['["admin-password"]', 'admin-password', '{"http://127.0.0.1:47801/gis-prod": ""}']) {
      expect(() => demoSecretsFromEnv({ [DEMO_PASSWORDS_ENV]: text })).toThrow(DEMO_PASSWORDS_ENV);
    }
  });
});
