/**
 * The built-in demo: three portals with the tasks an ArcGIS Enterprise admin really has (weekly and
 * nightly backups, hourly cleaners), a backup that just failed, a paused task, a task type Taskwatch has
 * never seen, a stalled task, and a few days of history ending now. Used by the demo and the UI tests.
 */
import { Cron } from 'croner';
import { failureText, successText, typicalDurationMs } from './run-texts';
import { defaultBackupParameters } from './task-json';
import type { SimRunInput, SimScenario, SimTask } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A fixed task id per title, 32 hex digits like the portal's. */
function idOf(title: string): string {
  let hash = 2166136261;
  const digits: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const char of `${round}:${title}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    digits.push(hash.toString(16).padStart(8, '0'));
  }
  return digits.join('');
}

interface HistorySpec {
  days: number;
  /** No run in this last stretch (a stalled task). */
  silentForMs?: number;
  /** Outcome of the nth run back (0 = latest): default success. */
  outcome?: (index: number) => { status: string; result?: string } | undefined;
}

/** Completed runs at the schedule's past times, newest first, none still going at `now`. */
function history(task: Pick<SimTask, 'cronExpression' | 'taskType'>, timeZone: string, now: number, spec: HistorySpec): SimRunInput[] {
  const cron = new Cron(task.cronExpression, { timezone: timeZone, alternativeWeekdays: true, paused: true });
  const durationMs = typicalDurationMs(task.taskType);
  const starts = cron
    .previousRuns(Math.ceil((spec.days * DAY) / HOUR) + 1, new Date(now))
    .map((date) => date.getTime())
    .filter((start) => start >= now - spec.days * DAY && start + durationMs <= now - (spec.silentForMs ?? 0));
  return starts.map((startedAt, index) => {
    const outcome = spec.outcome?.(index);
    const status = outcome?.status ?? 'succeeded';
    const result = outcome?.result ?? (status === 'succeeded' ? successText(task.taskType, startedAt) : failureText(task.taskType));
    return { status, result, startedAt, durationMs: durationMs + (index % 5) * 1000 };
  });
}

function task(timeZone: string, now: number, fields: Omit<SimTask, 'id'>, spec?: HistorySpec): SimTask {
  const created = now - 90 * DAY;
  return {
    id: idOf(fields.title),
    created,
    updated: created,
    ...fields,
    history: spec ? history(fields, timeZone, now, spec) : fields.history,
  };
}

const weekly = '0 0 4 ? * 7';
const hourly = '0 0 * * * ?';

function production(now: number): SimScenario {
  const zone = 'America/New_York';
  return {
    name: 'gis-prod',
    label: 'Production portal',
    timeZone: zone,
    dateFormat: 'text',
    tasks: [
      task(zone, now, { title: 'weeklyBackup', taskType: 'CreateBackup', cronExpression: weekly, parameters: defaultBackupParameters('weeklyBackup', 28) }, { days: 22 }),
      task(zone, now, { title: 'backupRetentionCleanerTask', taskType: 'BackupRetentionCleaner', cronExpression: hourly }, { days: 3 }),
      task(zone, now, { title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: hourly, script: { failEvery: 24 } }, {
        days: 3,
        outcome: (index) => (index === 17 ? { status: 'failed' } : undefined),
      }),
    ],
  };
}

function kubernetes(now: number): SimScenario {
  const zone = 'Europe/Berlin';
  return {
    name: 'gis-k8s',
    label: 'Enterprise on Kubernetes',
    timeZone: zone,
    dateFormat: 'epoch',
    tasks: [
      task(zone, now, {
        title: 'nightlyBackup',
        taskType: 'CreateBackup',
        cronExpression: '0 30 1 * * ?',
        parameters: defaultBackupParameters('nightlyBackup', 14),
        script: { failEvery: 2 },
      }, { days: 5, outcome: (index) => (index === 0 ? { status: 'failed' } : undefined) }),
      task(zone, now, { title: 'backupRetentionCleanerTask', taskType: 'BackupRetentionCleaner', cronExpression: hourly }, { days: 2 }),
      task(zone, now, {
        title: 'schedule2',
        taskType: 'CreateBackup',
        cronExpression: weekly,
        active: false,
        taskState: 'paused',
        parameters: defaultBackupParameters('schedule2', 14),
      }, { days: 30 }),
      task(zone, now, {
        title: 'reindexSearch',
        taskType: 'ReindexPortalContent',
        cronExpression: '0 0 3 * * ?',
        extra: { indexScope: 'all' },
        script: { failEvery: 3, failStatus: 'timedout', failResult: 'The reindex job did not finish within 2 hours and was cancelled.' },
      }, {
        days: 4,
        outcome: (index) =>
          index === 1 ? { status: 'timedout', result: 'The reindex job did not finish within 2 hours and was cancelled.' } : undefined,
      }),
    ],
  };
}

function testPortal(now: number): SimScenario {
  const zone = 'UTC';
  return {
    name: 'gis-test',
    label: 'Test portal',
    timeZone: zone,
    dateFormat: 'mixed',
    tasks: [
      // Active and hourly, but its last run was five hours ago: an overdue task.
      task(zone, now, { title: 'gpCleanerTask', taskType: 'CleanGPJobs', cronExpression: hourly, stalled: true }, { days: 2, silentForMs: 5 * HOUR }),
      task(zone, now, { title: 'dailyBackup', taskType: 'CreateBackup', cronExpression: '0 0 2 * * ?', parameters: defaultBackupParameters('dailyBackup', 7) }, { days: 6 }),
    ],
  };
}

/** The demo's portals, with history ending at `now`. */
export function demoScenarios(now = Date.now()): SimScenario[] {
  return [production(now), kubernetes(now), testPortal(now)];
}
