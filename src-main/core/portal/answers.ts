/**
 * Turns what a portal sent back into checked values, or into an error an admin understands: a web page
 * where JSON was expected, JSON that does not parse, the portal's own `{"error":...}` (which usually
 * comes with HTTP 200), or JSON of the wrong shape.
 */
import type { z } from 'zod';
import {
  type PortalRequestError,
  htmlInsteadOfJson,
  httpStatusError,
  invalidJson,
  portalApiError,
  wrongShape,
} from './errors';
import type { TransportResponse } from './http';
import {
  ErrorAnswer,
  RawRunsPage,
  RawTask,
  RawTaskList,
  StatusAnswer,
  TokenAnswer,
  describeIssue,
  parseItems,
  toPortalTask,
} from './schemas';
import type { PortalRun, PortalTask, RunsPage, SkippedItem } from './types';

/** Where JSON.parse stopped, as line and column (the position alone means little to a person). */
function parseFailure(body: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = body.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/\s*\(line.*$/, '').replace(/ at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** A web page came back where JSON was expected: a server error, or a login or directory page. */
export function webPageError(url: string, status: number, statusText: string): PortalRequestError {
  return status >= 500 ? httpStatusError(url, status, statusText) : htmlInsteadOfJson(url);
}

/** The portal's own `{"error":...}` answer, or else a failing HTTP status, as the error to throw; null if neither. */
export function answerError(json: unknown, url: string, status: number, statusText: string): PortalRequestError | null {
  const portalError = ErrorAnswer.safeParse(json);
  if (portalError.success) {
    const { code, message, details } = portalError.data.error;
    const detailTexts = (details ?? []).map((detail) => (typeof detail === 'string' ? detail : JSON.stringify(detail)));
    return portalApiError(url, code ?? status, message ?? '', detailTexts);
  }
  return status >= 400 ? httpStatusError(url, status, statusText) : null;
}

export function readJson(response: Omit<TransportResponse, 'wire'>, url: string): unknown {
  const text = response.body.trim();
  const looksLikeHtml = /html/i.test(response.contentType) || text.startsWith('<');
  if (looksLikeHtml) throw webPageError(url, response.status, response.statusText);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (response.status >= 400) throw httpStatusError(url, response.status, response.statusText);
    throw invalidJson(url, text === '' ? 'the answer was empty' : parseFailure(text, error));
  }
  const failure = answerError(json, url, response.status, response.statusText);
  if (failure) throw failure;
  return json;
}

function checked<T extends z.ZodType>(schema: T, json: unknown, url: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw wrongShape(url, describeIssue(parsed.error));
  return parsed.data;
}

export function parseTaskList(json: unknown, timeZone: string, url: string): { tasks: PortalTask[]; skipped: SkippedItem[] } {
  const list = checked(RawTaskList, json, url);
  const { items, skipped } = parseItems(list.result, RawTask, (raw) => toPortalTask(raw, timeZone));
  return { tasks: items, skipped };
}

export function parseTask(json: unknown, timeZone: string, url: string): PortalTask {
  return toPortalTask(checked(RawTask, json, url), timeZone);
}

/** Newest first by `created`; runs without a date go last, in the order the portal sent them. */
function newestFirst<T extends { created: number | null }>(runs: T[]): T[] {
  return [...runs].sort((a, b) => (b.created ?? -Infinity) - (a.created ?? -Infinity));
}

/** The order is not documented (the sample lists the newest first): true when the dated runs, as listed, go from older to newer. */
function goesOldestFirst(listed: ReadonlyArray<{ created: number | null }>): boolean {
  const dated = listed.filter((run) => run.created !== null);
  return dated.length >= 2 && dated[0]!.created! < dated.at(-1)!.created!;
}

/** Checks a runs answer's members other than `result` (which was read item by item). */
export function checkRunsPageMembers(members: Record<string, unknown>, url: string): z.infer<typeof RawRunsPage> {
  return checked(RawRunsPage, { ...members, result: [] }, url);
}

/** A page from its checked members and its runs (`count`: how many items `result` had, bad ones included). */
export function assembleRunsPage(
  page: Pick<z.infer<typeof RawRunsPage>, 'total' | 'num' | 'start' | 'nextStart'>,
  runs: PortalRun[],
  skipped: SkippedItem[],
  count: number,
  requestedStart: number,
): RunsPage {
  const start = page.start ?? requestedStart;
  const next = page.nextStart;
  return {
    runs: newestFirst(runs),
    listedOldestFirst: goesOldestFirst(runs),
    total: page.total ?? null,
    start,
    num: page.num ?? count,
    // The reference shows `"nextStart": 0` on the last page: only a step forward means "more".
    nextStart: next != null && next > start ? next : null,
    skipped,
  };
}

export function parseToken(json: unknown, url: string): { token: string; expires: number | null } {
  const answer = checked(TokenAnswer, json, url);
  return { token: answer.token, expires: answer.expires ?? null };
}

/** enable / disable answer `{"status":"success"}`. */
export function expectSuccess(json: unknown, url: string): void {
  const answer = checked(StatusAnswer, json, url);
  if (answer.status !== 'success') throw wrongShape(url, `"status" is "${answer.status}", expected "success"`);
}
