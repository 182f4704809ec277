/**
 * Masks secrets: the one place that knows what a secret looks like. Three layers: the secrets Taskwatch
 * itself sent are masked wherever a portal's answer repeats them (`redactKnown`, at the portal client,
 * before any of its text reaches the log, state, IPC, CLI output or a notification); values under a
 * secret-looking key are dropped whole; and secret-looking fragments inside free text (a token in a URL,
 * a bearer header echoed in an error message, an encrypted `{crypt}` passcode) are masked in place.
 */

export const REDACTED = '[redacted]';

/** Keys whose value is never logged: password, passcode, token, secret, authorization, cookie, credential. */
const SECRET_WORD = /pass(word|wd|code|phrase)?$|passwd|passcode|password|token|secret|authori[sz]ation|cookie|credential/i;
/** ...and keys: `key`, `api_key`, `API-KEY`, `privateKey` (but not `monkey` or `keyboard`). */
const KEY_SUFFIX = /(^|[_-])key$/i;
const CAMEL_KEY_SUFFIX = /[a-z0-9]Key$/;

const CRYPT_VALUE: [RegExp, string] = [/\{crypt\}[^\s"'&,;}\]]*/gi, REDACTED];

const INLINE_PATTERNS: Array<[RegExp, string]> = [
  // `Bearer abc`, `Basic abc`: authorization values echoed in messages.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // `token=abc`, `password: abc`, `"token":"abc"` in query strings, form bodies, JSON and prose.
  [
    /\b([A-Za-z_-]*(?:token|password|passwd|passcode|secret|api[_-]?key|cookie)["']?\s*[=:]\s*["']?)([^\s"'&,;}]+)/gi,
    `$1${REDACTED}`,
  ],
  // `{crypt}0a1b...`: a backup task's passcode as the portal stores it; encrypted, but still not ours to keep.
  CRYPT_VALUE,
];

export function isSecretKey(key: string): boolean {
  return SECRET_WORD.test(key) || KEY_SUFFIX.test(key) || CAMEL_KEY_SUFFIX.test(key);
}

export function redactText(text: string): string {
  return INLINE_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Secrets shorter than this are not searched for: masking every "a" would garble the text, not protect. */
const MIN_KNOWN_LENGTH = 4;

/**
 * Masks the given secrets (a token, a password) wherever `text` repeats them (see secretForms), and any
 * `{crypt}` value. Meant for text straight from a portal, which may be JSON that legitimately carries a
 * new token, so the key-based patterns of redactText are not applied here.
 */
export function redactKnown(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  return maskForms(text.replace(...CRYPT_VALUE), secretForms(secrets));
}

/** The ways an answer may repeat a secret: as sent, JSON-escaped or URL-encoded. */
export function secretForms(secrets: ReadonlyArray<string | null | undefined>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_KNOWN_LENGTH) continue;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) forms.add(form);
  }
  return [...forms];
}

export function maskForms(text: string, forms: readonly string[]): string {
  return forms.reduce((out, form) => out.split(form).join(REDACTED), text);
}

/**
 * Returns a JSON-safe copy of `value` with secrets masked. Errors become `{ name, message }` (their
 * messages redacted too), cycles become "[circular]", and very deep structures are cut off.
 */
export function redactSecrets(value: unknown): unknown {
  return redactValue(value, new WeakSet(), 0);
}

const MAX_DEPTH = 8;

function redactValue(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redactText(value.message), ...(code === undefined ? {} : { code }) };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : redactValue(item, seen, depth + 1);
  }
  return copy;
}
