const SECRET_KEY = /pass(word|code|phrase)?|secret|token|credential|private.?key|api.?key|pwd/i;
export const MASK = '••••••';

/**
 * Task parameters as the window may show them: values under secret-looking keys (a backup's
 * `passcode`, even when the portal sent it encrypted) are replaced, at any depth.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) && inner !== '' ? MASK : maskSecrets(inner)]),
  );
}
