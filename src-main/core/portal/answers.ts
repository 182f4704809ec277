/**
 * Turns what a portal sent back into checked values, or into an error an admin understands: a web page
 * where JSON was expected, JSON that does not parse, the portal's own `{"error":...}` (which usually
 * comes with HTTP 200), or JSON of the wrong shape.
 */
import type { z } from 'zod';
import {
  htmlInsteadOfJson,
  httpStatusError,
  invalidJson,
  portalApiError,
  wrongShape,
} from './errors';
import type { TransportResponse } from './http';
import {
  ErrorAnswer,
  RawRun,
  RawRunsPage,
  RawTask,
  RawTaskList,
  StatusAnswer,
  TokenAnswer,
  describeIssue,
  parseItems,
  toPortalRun,
  toPortalTask,
} from './schemas';
import type { PortalTask, RunsPage, SkippedItem } from './types';

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

export function readJson(response: TransportResponse, url: string): unknown {
  const text = response.body.trim();
  const looksLikeHtml = /html/i.test(response.contentType) || text.startsWith('<');
  if (looksLikeHtml) throw response.status >= 500 ? httpStatusError(url, response.status, response.statusText) : htmlInsteadOfJson(url);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (response.status >= 400) throw httpStatusError(url, response.status, response.statusText);
    throw invalidJson(url, text === '' ? 'the answer was empty' : parseFailure(text, error));
  }
  const portalError = ErrorAnswer.safeParse(json);
  if (portalError.success) {
    const { code, message, details } = portalError.data.error;
    const detailTexts = (details ?? []).map((detail) => (typeof detail === 'string' ? detail : JSON.stringify(detail)));
    throw portalApiError(url, code ?? response.status, message ?? '', detailTexts);
  }
  if (response.status >= 400) throw httpStatusError(url, response.status, response.statusText);
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

export function parseRunsPage(json: unknown, timeZone: string, url: string, requestedStart: number): RunsPage {
  const page = checked(RawRunsPage, json, url);
  const { items, skipped } = parseItems(page.result, RawRun, (raw) => toPortalRun(raw, timeZone));
  const start = page.start ?? requestedStart;
  const next = page.nextStart;
  return {
    runs: newestFirst(items),
    total: page.total ?? null,
    start,
    num: page.num ?? page.result.length,
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
