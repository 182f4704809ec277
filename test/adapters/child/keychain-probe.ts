// Child-process scenario: stores one password with the real adapter and prints what happened as JSON.
// The parent test chooses the environment (no session bus, a locked keyring).
import { KeytarSecretStore } from '../../../src-main/adapters/keytar-secrets';

const started = Date.now();
const outcome = await new KeytarSecretStore().set('probe-account', 'probe-secret-Zq9').then(
  () => ({ ok: true }),
  (error: { code?: string; message?: string }) => ({ ok: false, code: error.code, message: error.message }),
);
process.stdout.write(JSON.stringify({ ...outcome, ms: Date.now() - started }));
