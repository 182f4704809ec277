/**
 * Failures a test or the demo asks for: the next matching request(s), or every one until cleared, get a
 * fault instead of (or on top of) the portal's answer. What each mode sends is in fault-answers.ts.
 */
import type { FailMode, FaultOptions, RequestLogEntry, RequestMatch } from './types';

/**
 * Each documented endpoint's path, to aim a failure at exactly one (a substring such as '/system/tasks'
 * also matches every task's page and runs).
 */
export const SIM_ENDPOINTS = {
  token: /\/sharing\/rest\/generateToken$/,
  tasks: /\/system\/tasks\/?$/,
  task: /\/system\/tasks\/[^/]+\/?$/,
  runs: /\/system\/tasks\/[^/]+\/runs\/?$/,
  enable: /\/system\/tasks\/[^/]+\/enable\/?$/,
  disable: /\/system\/tasks\/[^/]+\/disable\/?$/,
} as const satisfies Record<string, RegExp>;

export interface InjectedFault {
  mode: FailMode;
  options: FaultOptions;
}

interface Rule extends InjectedFault {
  match: RequestMatch;
  /** Infinity: until `clear()`. */
  remaining: number;
}

function matches(match: RequestMatch, entry: RequestLogEntry): boolean {
  if (typeof match === 'string') return entry.path.includes(match);
  if (match instanceof RegExp) return match.test(entry.path);
  return match(entry);
}

export class FailureInjector {
  readonly #rules: Rule[] = [];

  add(match: RequestMatch, mode: FailMode, times = 1, options: FaultOptions = {}): void {
    this.#rules.push({ match, mode, options, remaining: times });
  }

  /** The failure for this request, if a rule matches; each use counts down that rule. */
  take(entry: RequestLogEntry): InjectedFault | null {
    const rule = this.#rules.find((candidate) => candidate.remaining > 0 && matches(candidate.match, entry));
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return { mode: rule.mode, options: rule.options };
  }

  clear(): void {
    this.#rules.length = 0;
  }
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

/** What the admin directory answers without `f=json`. */
export function directoryPage(path: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ArcGIS Enterprise Administrator Directory</title></head>
<body><h2>ArcGIS Enterprise Administrator Directory</h2><p>Home &gt; ${path.replace(/[<>&"]/g, '')}</p>
<p>Formats: <a href="?f=json">JSON</a> | <a href="?f=pjson">PJSON</a></p></body></html>
`;
}

/** What a reverse proxy in front of the portal answers when the portal behind it fails (nginx's page). */
export function proxyErrorPage(status: number, reason: string): string {
  return `<html>
<head><title>${status} ${reason}</title></head>
<body>
<center><h1>${status} ${reason}</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;
}
