/**
 * What each injected failure sends: either an answer in the portal's place (a proxy's error page, a login
 * page, an error body) or the portal's own answer spoiled (broken, cut short, padded, emptied).
 */
import { STATUS_CODES } from 'node:http';
import { LOGIN_PAGE, directoryPage, errorBody, proxyErrorPage, type InjectedFault } from './failures';
import type { SimAnswer } from './routes';
import type { FailMode } from './types';

const DEFAULT_OVERSIZED_BYTES = 17 * 1_048_576;
const DEFAULT_FRACTION = 0.5;
export const DEFAULT_SLOW_MS = 2_000;

/** The portal's own messages for the error codes a fault can answer with. */
const ERROR_MESSAGES: Partial<Record<FailMode, [number, string]>> = {
  'error-403': [403, 'You do not have permissions to access this resource or perform this operation.'],
  'error-404': [404, 'Resource not found.'],
  'error-498': [498, 'Invalid token.'],
  'error-500': [500, 'An internal server error occurred.'],
};

/** The credentials a request carried, for the mode that repeats them. */
export interface CarriedSecrets {
  token: string | null;
  password: string | null;
}

/** The answer sent instead of the portal's, for the modes that never reach the portal; else null. */
export function answerInstead(mode: FailMode, path: string, carried: CarriedSecrets): SimAnswer | null {
  const proxied = /^http-(\d{3})$/.exec(mode);
  if (proxied) {
    const status = Number(proxied[1]);
    return { html: proxyErrorPage(status, STATUS_CODES[status] ?? 'Error'), status };
  }
  if (mode === 'html') return { html: LOGIN_PAGE };
  if (mode === 'directory-page') return { html: directoryPage(path) };
  if (mode === 'echo-secrets') {
    // Bare, with no word such as "token=" before them that a pattern could catch.
    const echoed = [carried.token, carried.password].filter(Boolean).join(' / ');
    return { json: errorBody(500, `Upstream refused the request (${echoed}).`, [`Forwarded: ${echoed}`]) };
  }
  const error = ERROR_MESSAGES[mode];
  return error ? { json: errorBody(...error) } : null;
}

/** The body as the fault sends it: the portal's answer (`text`, from `answer`) spoiled, or unchanged. */
export function spoiledBody({ mode, options }: InjectedFault, answer: SimAnswer, text: string): Buffer {
  const json = 'json' in answer ? answer.json : undefined;
  switch (mode) {
    case 'missing-comma':
    case 'invalid-json':
      return Buffer.from(json === undefined ? text : missingComma(json));
    case 'malformed':
      return Buffer.from(json === undefined ? text : colonDropped(text));
    case 'truncated':
      return cut(Buffer.from(text), options.fraction);
    case 'oversized':
      return Buffer.from(json === undefined ? text : padded(json, options.bytes ?? DEFAULT_OVERSIZED_BYTES));
    case 'empty':
      return Buffer.alloc(0);
    default:
      return Buffer.from(text);
  }
}

/** The first `fraction` of the bytes (0..1): may end inside a UTF-8 sequence, as a dropped connection does. */
export function cut(body: Buffer, fraction = DEFAULT_FRACTION): Buffer {
  return body.subarray(0, Math.floor(body.length * Math.min(1, Math.max(0, fraction))));
}

/**
 * The answer's JSON as the reference page prints it, with the same defect: the comma between the first
 * two items of `result` is missing. Without two items, the answer is cut short instead.
 */
export function missingComma(body: unknown): string {
  const text = JSON.stringify(body, null, 2);
  const separator = text.indexOf('\n    },\n    {');
  if (separator >= 0) return text.slice(0, separator) + '\n    }\n    {' + text.slice(separator + '\n    },\n    {'.length);
  return text.slice(0, -1);
}

/**
 * The first key at or after the middle loses its colon (`"status" "failed"`). A key's closing quote is
 * the only unescaped `"` followed by `:`, since quotes inside strings are escaped. Without a key past the
 * middle, a stray brace follows the answer.
 */
function colonDropped(text: string): string {
  const middle = Math.floor(text.length / 2);
  // A run's own member where there is one: a reader may skip what it does not need (the embedded task).
  const own = ['"status":', '"runId":'].map((key) => text.indexOf(key, middle)).filter((at) => at >= 0);
  if (own.length > 0) {
    const at = Math.min(...own) + text.slice(Math.min(...own)).indexOf('":');
    return text.slice(0, at + 1) + ' ' + text.slice(at + 2);
  }
  for (let at = text.indexOf('":', middle); at >= 0; at = text.indexOf('":', at + 1)) {
    if (text[at - 1] !== '\\') return text.slice(0, at + 1) + ' ' + text.slice(at + 2);
  }
  return text + '}';
}

/** Still valid JSON, larger than `bytes`: an extra `padding` field after the answer's own fields. */
function padded(json: unknown, bytes: number): string {
  const text = JSON.stringify(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json) || text.length > bytes) return text;
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"padding":"${'x'.repeat(bytes - text.length)}"}`;
}
