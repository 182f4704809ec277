import type { ProblemKind } from '../../contract/vocabulary';
import { formatDuration } from '../schedule';
import type { CachedRun, CachedTask } from '../store/state';

/** Short, local-time wording for notification bodies; the window shows exact times itself. */
export function formatTime(epochMs: number | null, locale?: string): string {
  if (epochMs === null) return 'an unknown time';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** `gis.example.com/portal`: how an admin names a portal, without scheme noise. */
export function portalName(portalUrl: string, label = ''): string {
  if (label) return label;
  return portalUrl.replace(/^https?:\/\//, '');
}

export function failedRunText(portal: string, task: CachedTask, run: CachedRun) {
  const word = run.status || 'finished with no status';
  const when = formatTime(run.startedAt ?? run.created);
  const result = run.result ? `\n${clip(run.result, 180)}` : '';
  return {
    title: `${task.title} ${word === 'failed' ? 'failed' : `run ${word}`}`,
    body: `${portal} · run ${run.id} at ${when}${result}`,
  };
}

export function skippedRunText(portal: string, task: CachedTask, run: CachedRun) {
  const result = run.result ? `\n${clip(run.result, 180)}` : '';
  return { title: `${task.title} was skipped`, body: `${portal} · run ${run.id} at ${formatTime(run.created)} did not happen${result}` };
}

export function unreadableRunsText(portal: string, task: CachedTask, message: string) {
  return {
    title: `Taskwatch cannot read the runs of ${task.title}`,
    body: `${portal} · ${clip(message, 200)} Failures of this task go unseen until its runs can be read.`,
  };
}

export function uncheckedRunsText(portal: string, task: CachedTask, count: number | null, since: number, reason: string) {
  const how = count === null ? 'Some runs' : count === 1 ? '1 run' : `${count} runs`;
  return {
    title: `${how} of ${task.title} could not be checked`,
    body: `${portal} · since ${formatTime(since)}: ${reason}. Look at the task's history on the portal.`,
  };
}

export function overdueText(portal: string, task: CachedTask, occurrence: number) {
  return { title: `${task.title} is overdue`, body: `${portal} · no run since the one due at ${formatTime(occurrence)}` };
}

export function stuckText(portal: string, task: CachedTask, startedAt: number, runningForMs: number, thresholdMs: number) {
  return {
    title: `${task.title} has been running for ${formatDuration(runningForMs)}`,
    body: `${portal} · started ${formatTime(startedAt)}; longer than ${formatDuration(thresholdMs)} is unusual for this task`,
  };
}

export function recoveredText(portal: string, task: CachedTask, run: CachedRun) {
  return { title: `${task.title} succeeded again`, body: `${portal} · run ${run.id} at ${formatTime(run.created)}` };
}

export function ranAgainText(portal: string, task: CachedTask, run: CachedRun) {
  return { title: `${task.title} ran again`, body: `${portal} · run ${run.id} at ${formatTime(run.startedAt ?? run.created)} ended its overdue spell` };
}

type PortalProblem = Extract<ProblemKind, 'portal-unreachable' | 'auth-failed' | 'no-password' | 'error' | 'zone-mismatch'>;

const portalProblemTitles: Record<PortalProblem, (portal: string) => string> = {
  'portal-unreachable': (portal) => `${portal} is unreachable`,
  'auth-failed': (portal) => `${portal} rejected Taskwatch's sign-in`,
  'no-password': (portal) => `No password stored for ${portal}`,
  error: (portal) => `${portal} answered with an error`,
  'zone-mismatch': (portal) => `${portal} runs its schedules in another time zone`,
};

export function portalProblemText(portal: string, kind: ProblemKind, message: string | null) {
  const title = portalProblemTitles[kind as PortalProblem]?.(portal) ?? `${portal}: ${kind}`;
  const advice = kind === 'auth-failed' ? ' Check the user name and password in Taskwatch.' : '';
  return { title, body: `${message ?? ''}${advice}`.trim() };
}

export function summaryText(count: number, portals: number, lines: string[]) {
  const shown = lines.slice(0, 4);
  const more = count > shown.length ? `\n…and ${count - shown.length} more` : '';
  return {
    title: `Taskwatch: ${count} problems on ${portals} ${portals === 1 ? 'portal' : 'portals'}`,
    body: `${shown.join('\n')}${more}`,
  };
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
