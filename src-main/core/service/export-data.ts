import type { RunView, TaskSummary } from '../../contract/models';

const iso = (epochMs: number | null) => (epochMs === null ? '' : new Date(epochMs).toISOString());

/** One CSV field: quoted when needed, and formula-looking text defused so a spreadsheet shows it as text. */
function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function tasksCsv(tasks: TaskSummary[], portalLabel: (portalId: string) => string): string {
  return csv(
    ['portal', 'task_id', 'title', 'type', 'state', 'health', 'schedule', 'cron', 'time_zone', 'next_run', 'last_run_status', 'last_run_at', 'last_run_result'],
    tasks.map((task) => [
      portalLabel(task.portalId),
      task.id,
      task.title,
      task.taskType,
      task.state,
      task.health,
      task.schedule,
      task.cron ?? '',
      task.timeZone,
      iso(task.nextRun),
      task.lastRun?.status ?? '',
      iso(task.lastRun?.created ?? null),
      task.lastRun?.result ?? '',
    ]),
  );
}

export function runsCsv(runs: RunView[]): string {
  return csv(
    ['run_id', 'status', 'outcome', 'started', 'completed', 'duration_seconds', 'result'],
    runs.map((run) => [run.id, run.status, run.outcome, iso(run.startedAt), iso(run.created), run.durationMs === null ? '' : Math.round(run.durationMs / 1000), run.result]),
  );
}

export const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A file name that says what and when, safe on every OS. */
export function exportFileName(what: string, format: 'csv' | 'json', now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `${what.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'export'}-${stamp}.${format}`;
}
