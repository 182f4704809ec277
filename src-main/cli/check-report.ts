import { z } from 'zod';
import { PortalStatus, Problem, TaskHealth, type Snapshot } from '../contract/models';

const IsoTime = z.string().nullable();

/** What `taskwatch check --json` prints: one object, documented in README. Times are ISO 8601 (UTC). */
export const CheckReport = z.object({
  checkedAt: z.string(),
  portals: z.array(
    z.object({
      url: z.string(),
      status: PortalStatus,
      error: z.string().optional(),
      tasks: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          type: z.string(),
          state: z.string(),
          cron: z.string().nullable(),
          schedule: z.string(),
          nextRun: IsoTime,
          lastRun: z.object({ id: z.string(), status: z.string(), created: IsoTime, result: z.string() }).nullable(),
          health: TaskHealth,
          /** What could not be read or was doubtful about this task's runs. */
          notes: z.array(z.string()),
        }),
      ),
    }),
  ),
  problems: z.array(Problem),
});
export type CheckReport = z.infer<typeof CheckReport>;

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

export function checkReport(snapshot: Snapshot, checkedAt: number): CheckReport {
  return CheckReport.parse({
    checkedAt: new Date(checkedAt).toISOString(),
    portals: snapshot.portals.map((portal) => ({
      url: portal.url,
      status: portal.health.status,
      ...(portal.health.message && portal.health.status !== 'ok' ? { error: portal.health.message } : {}),
      tasks: snapshot.tasks
        .filter((task) => task.portalId === portal.id)
        .map((task) => ({
          id: task.id,
          title: task.title,
          type: task.taskType,
          state: task.state,
          cron: task.cron,
          schedule: task.schedule,
          nextRun: iso(task.nextRun),
          lastRun: task.lastRun
            ? { id: task.lastRun.id, status: task.lastRun.status, created: iso(task.lastRun.created), result: task.lastRun.result }
            : null,
          health: task.health,
          notes: task.notes,
        })),
    })),
    problems: snapshot.problems,
  });
}

const mark: Record<z.infer<typeof TaskHealth>, string> = {
  failed: '✕',
  unreadable: '!',
  stuck: '⏳',
  overdue: '⏰',
  skipped: '↷',
  'unknown-schedule': '?',
  running: '▶',
  paused: '⏸',
  ok: '✓',
};

/** The same report for a terminal: portals, their tasks with a mark and a word, then the problems. */
export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  for (const portal of report.portals) {
    lines.push(`${portal.url}  ${portal.status}${portal.error ? `: ${portal.error}` : ''}`);
    for (const task of portal.tasks) {
      const last = task.lastRun ? `last ${task.lastRun.status} ${task.lastRun.created ?? ''}`.trim() : 'no runs yet';
      const next = task.nextRun ? `next ${task.nextRun}` : '';
      lines.push(`  ${mark[task.health]} ${task.health.padEnd(10)} ${task.title}  (${task.schedule}; ${last}${next ? `; ${next}` : ''})`);
      for (const note of task.notes) lines.push(`      note: ${note}`);
    }
  }
  lines.push(report.problems.length === 0 ? 'No problems.' : `${report.problems.length} problem(s):`);
  for (const problem of report.problems) lines.push(`  [${problem.kind}] ${problem.portal}: ${problem.message}`);
  return lines.join('\n');
}
