/**
 * What the portal's answers must look like, checked with zod. The reference pages are hand-written and
 * new task types, states and run statuses appear between releases, so: unknown parameters are kept (the
 * window lists them), unknown words are kept as strings, and only what Taskwatch cannot do without is required.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { redactSecrets } from '../redact';
import { interned, internedRecord } from './interned';
import { parseArcgisDate } from './dates';
import type { PortalRun, PortalTask, SkippedItem } from './types';

/** A number, also when sent as a numeric string. */
const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const looseBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);
/** Epoch ms or zone-less text: read later, in the portal's zone. */
const rawDate = z.union([z.number(), z.string()]).nullish();
const word = z.union([z.string(), z.number()]).transform(String);

export const RawTask = z
  .looseObject({
    id: z.string().min(1).optional(),
    taskId: z.string().min(1).optional(),
    taskTitle: z.string().nullish(),
    taskType: z.string().nullish(),
    type: z.string().nullish(),
    taskState: z.string().nullish(),
    active: looseBoolean.nullish(),
    cronExpression: z.string().nullish(),
    cronSchedule: z.record(z.string(), word).nullish(),
    runIntervalSeconds: looseNumber.nullish(),
    startDate: rawDate,
    maxOccurrences: looseNumber.nullish(),
    lastStart: rawDate,
    created: rawDate,
    updated: rawDate,
    generation: looseNumber.nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
  })
  .refine((task) => task.id !== undefined || task.taskId !== undefined, {
    message: 'the task has neither "id" nor "taskId"',
  });
export type RawTask = z.infer<typeof RawTask>;

/**
 * A run's own facts. Its embedded `task` is deliberately not read: the portal fills it with the task as
 * it is now, not as it was when the run happened, so nothing about the run can be learnt from it.
 */
export const RawRun = z.looseObject({
  runId: word.refine((id) => id.trim() !== '', 'an empty runId').nullish(),
  status: word.nullish(),
  result: z.unknown().optional(),
  created: rawDate,
  modified: rawDate,
  url: z.string().nullish(),
});

/** Items are checked one by one (see `parseItems`), so one bad run or task hides no other. */
export const RawTaskList = z.looseObject({ result: z.array(z.unknown()) });

export const RawRunsPage = z.looseObject({
  result: z.array(z.unknown()),
  total: looseNumber.nullish(),
  num: looseNumber.nullish(),
  start: looseNumber.nullish(),
  nextStart: looseNumber.nullish(),
});

export const TokenAnswer = z.looseObject({
  token: z.string().min(1),
  expires: looseNumber.nullish(),
});

/** The portal's error answer; it usually arrives with HTTP 200. */
export const ErrorAnswer = z.looseObject({
  error: z.looseObject({
    code: looseNumber.nullish(),
    message: z.string().nullish(),
    details: z.array(z.unknown()).nullish(),
  }),
});

export const StatusAnswer = z.looseObject({ status: z.string() });

/** Shared by every task sent without parameters (most cleaners): nobody changes a task's parameters. */
const NO_PARAMETERS: Record<string, unknown> = Object.freeze({});

/**
 * A task's own fields, and nothing else of what the portal sent: a fleet keeps tens of thousands of tasks,
 * and the state keeps this very object (monitor/cache.ts). Its recurring texts are interned.
 */
export function toPortalTask(sent: RawTask, timeZone: string): PortalTask {
  const date = (value: unknown) => parseArcgisDate(value, timeZone);
  const text = (value: string | null | undefined) => (value == null ? value : interned(value));
  const id = (sent.id ?? sent.taskId)!;
  const state = text(sent.taskState) ?? (sent.active === false ? 'paused' : sent.active ? 'active' : 'unknown');
  const task: PortalTask = {
    id,
    title: text(sent.taskTitle) ?? id,
    taskType: text(sent.taskType) ?? 'unknown',
    type: text(sent.type) ?? '',
    state,
    active: sent.active ?? state === 'active',
    cronExpression: text(sent.cronExpression?.trim()) || null,
    cronSchedule: sent.cronSchedule ? internedRecord(sent.cronSchedule) : null,
    runIntervalSeconds: sent.runIntervalSeconds ?? null,
    startDate: date(sent.startDate),
    maxOccurrences: sent.maxOccurrences ?? null,
    lastStart: date(sent.lastStart),
    created: date(sent.created),
    updated: date(sent.updated),
    generation: sent.generation ?? null,
    // A backup's passcode (plain or `{crypt}`) is nothing Taskwatch needs: it is never kept or shown.
    parameters: sent.parameters ? (redactSecrets(sent.parameters) as Record<string, unknown>) : NO_PARAMETERS,
  };
  const zoneLess = (task.lastStart !== null && !isInstant(sent.lastStart) ? LAST_START : 0) | (task.startDate !== null && !isInstant(sent.startDate) ? START_DATE : 0);
  if (zoneLess) zoneLessStarts.set(task, zoneLess);
  return task;
}

/**
 * `tasks`, each one read exactly as in `before` replaced by that earlier object: a list in which a few
 * tasks changed keeps one copy of the others, and what was worked out from a task object stays valid.
 */
export function keepUnchangedTasks(tasks: PortalTask[], before: readonly PortalTask[]): PortalTask[] {
  const earlier = new Map(before.map((task) => [task.id, task]));
  return tasks.map((task) => {
    const old = earlier.get(task.id);
    const same = old !== undefined && zoneLessStarts.get(old) === zoneLessStarts.get(task) && JSON.stringify(old) === JSON.stringify(task);
    return same ? old : task;
  });
}

/** Whether a date as sent names one instant whatever the zone (epoch ms, or text with its own offset). */
function isInstant(value: unknown): boolean {
  // Zone-less text reads differently in zones 14 hours apart; an absolute value reads the same.
  const instant = parseArcgisDate(value, 'UTC');
  return instant !== null && instant === parseArcgisDate(value, 'Pacific/Kiritimati');
}

const LAST_START = 1;
const START_DATE = 2;
/**
 * Which of a task's start dates the portal sent as zone-less text (read in the zone it is thought to be
 * in), as bits: beside the task rather than in it, so that the task is the state's own object (what the
 * state keeps is a task's fields, nothing more). Most portals send epoch ms, which leave no entry here.
 */
const zoneLessStarts = new WeakMap<PortalTask, number>();

/** The task's lastStart and startDate, where the portal sent them as instants: what they say of its zone is no assumption. */
export function startsSentAsInstants(task: PortalTask): number[] {
  const zoneLess = zoneLessStarts.get(task) ?? 0;
  const lastStart = zoneLess & LAST_START ? null : task.lastStart;
  const startDate = zoneLess & START_DATE ? null : task.startDate;
  // Built whole, not pushed to (which leaves room for 17): a fleet keeps each task's evidence between polls.
  if (lastStart === null) return startDate === null ? [] : [startDate];
  return startDate === null ? [lastStart] : [lastStart, startDate];
}

/**
 * A run without `runId` is kept, not dropped: a failure must not vanish because the portal left out its
 * id. It gets a stable stand-in id from its own facts, so the same run maps to the same id every poll.
 */
export function toPortalRun(raw: z.infer<typeof RawRun>, timeZone: string): PortalRun {
  const result = raw.result;
  const resultText = typeof result === 'string' ? result : result == null ? '' : JSON.stringify(result);
  const status = raw.status ?? '';
  const created = parseArcgisDate(raw.created, timeZone);
  const modified = parseArcgisDate(raw.modified, timeZone);
  const id = raw.runId?.trim() || standInRunId([raw.created, raw.modified, status, resultText]);
  const text = (value: unknown) => (typeof value === 'string' && !/^\s*-?\d+\s*$/.test(value) ? value : null);
  return { id, idMissing: !raw.runId?.trim(), status, result: resultText, created, modified, url: raw.url ?? '', dateText: { created: text(raw.created), modified: text(raw.modified) } };
}

/** Marks ids Taskwatch made up for runs the portal sent without one. */
export const STAND_IN_RUN_ID_PREFIX = 'no-id-';
const standInRunId = (facts: unknown[]) => `${STAND_IN_RUN_ID_PREFIX}${createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16)}`;

/** Names the first problem zod found, with its path, e.g. `"result[2].runId": expected string`. */
export function describeIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'unreadable';
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    prefix,
  );
  return path ? `"${path}": ${issue.message}` : issue.message;
}

/**
 * Validates list items one by one: the good ones are kept, each bad one is reported with why.
 * `firstIndex`: the position of `items[0]` in the whole list, when items arrive a few at a time.
 */
export function parseItems<Raw, Item>(
  items: unknown[],
  schema: z.ZodType<Raw>,
  convert: (raw: Raw) => Item,
  firstIndex = 0,
): { items: Item[]; skipped: SkippedItem[] } {
  const good: Item[] = [];
  const skipped: SkippedItem[] = [];
  items.forEach((item, position) => {
    const index = firstIndex + position;
    const parsed = schema.safeParse(item);
    if (parsed.success) good.push(convert(parsed.data));
    else skipped.push({ index, reason: describeIssue(parsed.error, `result[${index}]`) });
  });
  return { items: good, skipped };
}
