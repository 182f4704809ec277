/**
 * The documented endpoints, answered the way the portal answers them: errors in an HTTP 200 body,
 * HTML without `f=json`, 499 without a token, 498 with a bad or expired one.
 */
import { directoryPage, errorBody } from './failures';
import { runsJson, taskJson, taskListAnswer, type DateStyle, type RunsEmbed } from './task-json';
import type { TaskStore } from './task-store';
import type { TokenIssuer } from './tokens';

export interface SimRequest {
  method: string;
  /** Decoded path segments after the context, e.g. ['admin', 'system', 'tasks', 'abc']. */
  segments: string[];
  params: URLSearchParams;
  token: string | null;
}

/** `text`: the JSON already written, when the simulator keeps it (see taskListAnswer). */
export type SimAnswer = { json: unknown; text?: string } | { html: string; status?: number };

/** Runs per page at most, however many are asked for: a portal may cap its pages (the reader follows `nextStart`). */
export const MAX_RUNS_PAGE = 1_000;

/**
 * How /runs answers. `paging`: honour `start`/`num` over the runs newest first (as the sample lists them),
 * ignore them and send every run, or honour them over the runs oldest first. All are allowed: only `f` is
 * documented, and no order.
 */
export interface RunsStyle {
  paging: 'honour' | 'ignore' | 'oldest-first';
  embed: RunsEmbed;
}

export interface RouteContext {
  store: TaskStore;
  tokens: TokenIssuer;
  style: DateStyle;
  adminPath: string;
  runs: RunsStyle;
}

const json = (value: unknown): SimAnswer => ({ json: value });
const error = (code: number, message: string, details: string[] = []): SimAnswer => json(errorBody(code, message, details));

function generateToken(request: SimRequest, context: RouteContext): SimAnswer {
  if (request.method !== 'POST') return error(405, 'Method not supported.', ['generateToken requires POST.']);
  const { params } = request;
  const issued = context.tokens.issue(params.get('username') ?? '', params.get('password') ?? '', Number(params.get('expiration') ?? 60));
  if (!issued) return error(400, 'Unable to generate token.', ['Invalid username or password.']);
  return json({ token: issued.token, expires: issued.expires, ssl: true });
}

function runsPage(taskId: string, request: SimRequest, context: RouteContext): SimAnswer {
  const task = context.store.get(taskId);
  const { paging, embed } = context.runs;
  const newestFirst = context.store.runsOf(taskId);
  const runs = paging === 'oldest-first' ? newestFirst.toReversed() : newestFirst;
  const listed = (page: typeof runs) => runsJson(page, task, context.style, embed);
  // Like the reference sample: everything at once, and `"nextStart": 0`.
  if (paging === 'ignore') return json({ result: listed(runs), total: runs.length, num: runs.length, start: 0, nextStart: 0 });
  const start = Math.max(0, Number.parseInt(request.params.get('start') ?? '0', 10) || 0);
  const num = Math.min(MAX_RUNS_PAGE, Math.max(1, Number.parseInt(request.params.get('num') ?? '10', 10) || 10));
  const page = runs.slice(start, start + num);
  return json({
    result: listed(page),
    total: runs.length,
    num: page.length,
    start,
    nextStart: start + num < runs.length ? start + num : -1,
  });
}

function tasksEndpoint(rest: string[], request: SimRequest, context: RouteContext): SimAnswer {
  const { store, style } = context;
  if (rest.length === 0) return taskListAnswer(store, store.list(), style);
  const [taskId, action, ...extra] = rest as [string, string | undefined, ...string[]];
  if (!store.has(taskId)) return error(404, `Task '${taskId}' does not exist.`);
  if (extra.length > 0) return error(404, 'Resource not found.');
  if (action === undefined) return json(taskJson(store.get(taskId), style));
  if (action === 'runs') return runsPage(taskId, request, context);
  if (action === 'enable' || action === 'disable') {
    if (request.method !== 'POST') return error(405, 'Method not supported.', [`${action} requires POST.`]);
    store.setEnabled(taskId, action === 'enable');
    return json({ status: 'success' });
  }
  return error(404, 'Resource not found.');
}

export function route(request: SimRequest, context: RouteContext): SimAnswer {
  const { segments, params } = request;
  const path = segments.join('/');
  const format = params.get('f');
  if (path === 'sharing/rest/generateToken') return generateToken(request, context);
  const adminPath = context.adminPath.split('/').filter(Boolean);
  const inAdmin = adminPath.every((segment, index) => segments[index] === segment);
  if (!inAdmin) return { html: '<!DOCTYPE html><title>Not Found</title><h1>404 Not Found</h1>', status: 404 };
  if (format !== 'json' && format !== 'pjson') return { html: directoryPage(path) };
  if (!request.token) return error(499, 'Token Required.');
  const account = context.tokens.check(request.token);
  if (!account) return error(498, 'Invalid token.');
  if (account.role !== 'admin') {
    return error(403, 'You do not have permissions to access this resource or perform this operation.');
  }
  const rest = segments.slice(adminPath.length);
  if (rest[0] === 'system' && rest[1] === 'tasks') return tasksEndpoint(rest.slice(2), request, context);
  return error(404, 'Resource not found.');
}
