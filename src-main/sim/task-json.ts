/**
 * Tasks and runs as the portal writes them: the reference pages' field order, the task's date format
 * (epoch ms or zone-less text), the schedule spelled twice (cronExpression and cronSchedule).
 */
import type { SimDateFormat, SimRun, SimTask } from './types';

export interface DateStyle {
  format: SimDateFormat;
  timeZone: string;
  /** Newer Java writes U+202F (narrow no-break space) before AM/PM. */
  narrowSpace: boolean;
}

const textFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Apr 21, 2021, 10:42:17 PM" in the portal's zone, as the reference pages show. */
export function formatArcgisDate(ms: number, timeZone: string, narrowSpace = false): string {
  let formatter = textFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h12',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      second: '2-digit',
    });
    textFormatters.set(timeZone, formatter);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(new Date(ms))) part[type] = value;
  const space = narrowSpace ? '\u202f' : ' ';
  return `${part.month} ${part.day}, ${part.year}, ${part.hour}:${part.minute}:${part.second}${space}${part.dayPeriod}`;
}

function dateWriter(style: DateStyle) {
  const text = (ms: number) => formatArcgisDate(ms, style.timeZone, style.narrowSpace);
  return {
    /** created, updated, run dates */
    stamp: (ms: number | null | undefined) => (ms == null ? null : style.format === 'epoch' ? ms : text(ms)),
    /** lastStart, startDate: epoch in the mixed style, as the CreateBackup sample has them */
    schedule: (ms: number | null | undefined) => (ms == null ? null : style.format === 'text' ? text(ms) : ms),
  };
}

/** `0 0 4 ? * 7` -> the `cronSchedule` object the portal sends beside it. */
export function cronScheduleOf(expression: string): Record<string, string> {
  const [, minute = '*', hour = '*', dayOfMonth = '*', month = '*', dayOfWeek = '?'] = expression.trim().split(/\s+/);
  return { dayOfWeek, hour, month, dayOfMonth, minute };
}

/** A rough period, as the portal fills `runIntervalSeconds` in. */
export function intervalOf(expression: string): number {
  const schedule = cronScheduleOf(expression);
  if (!/^[*?]$/.test(schedule.dayOfWeek!)) return 604_800;
  if (!/[*/]/.test(schedule.hour!)) return 86_400;
  return 3_600;
}

/** `CreateBackup` -> `CREATE_BACKUP_TASK_TYPE`, like the reference's `type` field. */
export function legacyTypeOf(taskType: string): string {
  const known: Record<string, string> = {
    CleanGPJobs: 'GP_JOBS_CLEANER_TASK_TYPE',
    BackupRetentionCleaner: 'BACKUP_RETENTION_TASK_TYPE',
  };
  return known[taskType] ?? `${taskType.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_TASK_TYPE`;
}

/** A CreateBackup task's parameters as the reference shows them, passcode included. */
export function defaultBackupParameters(name: string, retentionDays = 14): Record<string, unknown> {
  return {
    itemId: '',
    metaData: { recurring: true, startTime: '04:00', retention: { type: 'day', value: retentionDays } },
    retentionOffset: retentionDays * 86_400_000,
    name,
    storeName: 'default',
    passcode: '{crypt}3ngE7lQuQGDfaiab4uogjg==',
  };
}

export interface StoredTask extends Required<Pick<SimTask, 'id' | 'title' | 'taskType' | 'cronExpression' | 'active'>> {
  source: SimTask;
  taskState: string;
  lastStart: number | null;
  created: number;
  updated: number;
  generation: number;
}

export function taskJson(task: StoredTask, style: DateStyle, lastStart = task.lastStart): Record<string, unknown> {
  const { source } = task;
  const date = dateWriter(source.dateFormat ? { ...style, format: source.dateFormat } : style);
  const json: Record<string, unknown> = {
    generation: task.generation,
    created: date.stamp(task.created),
    active: task.active,
    ownerId: 'f4630325200d48d3bd1c763e6d0dd904',
    type: source.type ?? legacyTypeOf(task.taskType),
    orgId: '0123456789ABCDEF',
    cronSchedule: cronScheduleOf(task.cronExpression),
    cronExpression: task.cronExpression,
    runIntervalSeconds: source.runIntervalSeconds ?? intervalOf(task.cronExpression),
    taskType: task.taskType,
    taskState: task.taskState,
    taskTitle: task.title,
    maxOccurrences: source.maxOccurrences ?? -1,
    id: task.id,
    lastStart: date.schedule(lastStart),
  };
  const parameters = source.parameters ?? (task.taskType === 'CreateBackup' ? defaultBackupParameters(task.title) : undefined);
  if (parameters) json.parameters = parameters;
  json.updated = date.stamp(task.updated);
  json.taskId = task.id;
  if (source.startDate != null) json.startDate = date.schedule(source.startDate);
  return { ...json, ...source.extra };
}

/** Which task a run carries: as it is now (what the documented samples show), or as it was when the run began. */
export type RunsEmbed = 'current' | 'snapshot';

/** A run's own fields, written once per date style: a 50,000-run answer must not format 100,000 dates per request. */
const writtenRuns = new WeakMap<SimRun, { style: string; fields: Record<string, unknown>; snapshot?: { key: string; task: Record<string, unknown> } }>();

function styleKey(style: DateStyle): string {
  return `${style.format}|${style.timeZone}|${style.narrowSpace}`;
}

/** The last task list written per store: a fleet's steady polls ask 300 portals for the same list again and again. */
const writtenLists = new WeakMap<object, { key: string; json: Record<string, unknown>; text: string }>();

/**
 * The task list answer, and its JSON text, written again only when a task or the date style changed (each
 * change to a task moves its `generation`, `updated` or `lastStart`). The simulator shares the cores with
 * the core the bench measures; a real portal does not.
 */
export function taskListAnswer(store: object, tasks: StoredTask[], style: DateStyle): { json: Record<string, unknown>; text: string } {
  const key = [styleKey(style), ...tasks.map((task) => `${task.id}|${task.generation}|${task.updated}|${task.lastStart}|${task.taskState}|${task.active}`)].join('\n');
  let written = writtenLists.get(store);
  if (written?.key !== key) {
    const json = { result: tasks.map((task) => taskJson(task, style)) };
    written = { key, json, text: JSON.stringify(json) };
    writtenLists.set(store, written);
  }
  return { json: written.json, text: written.text };
}

/** Runs as listed by /runs: each with its result, dates, and a copy of the task (see `RunsEmbed`). */
export function runsJson(runs: SimRun[], task: StoredTask, style: DateStyle, embed: RunsEmbed): Record<string, unknown>[] {
  const runStyle = task.source.dateFormat ? { ...style, format: task.source.dateFormat } : style;
  const date = dateWriter(runStyle);
  const key = styleKey(runStyle);
  const current = embed === 'current' ? taskJson(task, style) : undefined;
  const taskVersion = `${styleKey(style)}|${task.generation}|${task.updated}`;
  return runs.map((run) => {
    let written = writtenRuns.get(run);
    if (written?.style !== key) {
      written = {
        style: key,
        fields: { created: date.stamp(run.created), modified: date.stamp(run.modified), runId: run.runId, url: '', status: run.status },
      };
      writtenRuns.set(run, written);
    }
    let copy = current;
    if (!copy) {
      if (written.snapshot?.key !== taskVersion) written.snapshot = { key: taskVersion, task: taskJson(task, style, run.startedAt) };
      copy = written.snapshot.task;
    }
    return { result: run.result, task: copy, ...written.fields };
  });
}
