/**
 * Failures a test or the demo asks for: the next matching request(s) get a login page, broken JSON,
 * an error answer, no answer at all, or a reset connection.
 */
import type { FailMode, RequestLogEntry, RequestMatch } from './types';

interface Rule {
  match: RequestMatch;
  mode: FailMode;
  remaining: number;
}

function matches(match: RequestMatch, entry: RequestLogEntry): boolean {
  if (typeof match === 'string') return entry.path.includes(match);
  if (match instanceof RegExp) return match.test(entry.path);
  return match(entry);
}

export class FailureInjector {
  readonly #rules: Rule[] = [];

  add(match: RequestMatch, mode: FailMode, times = 1): void {
    this.#rules.push({ match, mode, remaining: times });
  }

  /** The failure for this request, if a rule matches; each use counts down that rule. */
  take(entry: RequestLogEntry): FailMode | null {
    const rule = this.#rules.find((candidate) => candidate.remaining > 0 && matches(candidate.match, entry));
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return rule.mode;
  }

  clear(): void {
    this.#rules.length = 0;
  }
}

/**
 * The answer's JSON as the reference page prints it, with the same defect: the comma between the first
 * two items of `result` is missing. Without two items, the answer is cut short instead.
 */
export function brokenJson(body: unknown): string {
  const text = JSON.stringify(body, null, 2);
  const separator = text.indexOf('\n    },\n    {');
  if (separator >= 0) return text.slice(0, separator) + '\n    }\n    {' + text.slice(separator + '\n    },\n    {'.length);
  return text.slice(0, -1);
}

export function errorBody(code: number, message: string, details: string[] = []): { error: { code: number; message: string; details: string[] } } {
  return { error: { code, message, details } };
}

/** What a portal behind single sign-on answers instead of JSON. */
export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign In</title></head>
<body><form method="post" action="/adfs/ls/"><h1>Sign in with your organizational account</h1>
<input name="UserName" type="email"><input name="Password" type="password"><button>Sign in</button></form></body></html>
`;

/** What a reverse proxy (web adaptor, nginx) answers with HTTP 502 when the portal behind it is down. */
export const BAD_GATEWAY_PAGE = `<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center></body></html>
`;

/** What the admin directory answers without `f=json`. */
export function directoryPage(path: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ArcGIS Enterprise Administrator Directory</title></head>
<body><h2>ArcGIS Enterprise Administrator Directory</h2><p>Home &gt; ${path.replace(/[<>&"]/g, '')}</p>
<p>Formats: <a href="?f=json">JSON</a> | <a href="?f=pjson">PJSON</a></p></body></html>
`;
}
