/**
 * What the tray shows, derived from a snapshot by a pure function: one level (the worst thing going on),
 * a tooltip that counts problems, and the tasks that need attention.
 */
import type { PortalStatus, Snapshot, TaskHealth, TaskRef } from '../contract/models';
import { PROBLEM_HEALTHS } from '../contract/vocabulary';

export type TrayLevel = 'ok' | 'warning' | 'failed';

export interface TrayTask {
  ref: TaskRef;
  /** "Nightly backup (GIS Prod) — failed" */
  label: string;
}

export interface TrayState {
  level: TrayLevel;
  tooltip: string;
  /** Tasks needing attention, worst first. */
  attention: TrayTask[];
  notificationsPausedUntil: number | null;
}

/** Task healths that need the admin, worst first (the contract's order); the order also sorts the tray's list. */
const ATTENTION = PROBLEM_HEALTHS;
/** The tray's red level: a run failed. Every other problem is a warning. */
const FAILED: TaskHealth = 'failed';
const PORTAL_PROBLEMS: Partial<Record<PortalStatus, string>> = {
  unreachable: 'unreachable',
  'auth-failed': 'sign-in failed',
  'no-password': 'without a password',
  error: 'in error',
  partial: 'partly unreadable',
};

export function trayStateOf(snapshot: Snapshot): TrayState {
  const count = (health: TaskHealth) => snapshot.tasks.filter((task) => task.health === health).length;
  const failed = count(FAILED);
  const warnings = ATTENTION.filter((health) => health !== FAILED).map((health) => [health, count(health)] as const);
  const portalProblems = Object.entries(PORTAL_PROBLEMS).map(
    ([status, words]) => [words, snapshot.portals.filter((portal) => portal.health.status === status).length] as const,
  );
  const anyWarning = warnings.some(([, n]) => n > 0) || portalProblems.some(([, n]) => n > 0);

  const parts = [
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...warnings.filter(([, n]) => n > 0).map(([health, n]) => `${n} ${health}`),
    ...portalProblems.filter(([, n]) => n > 0).map(([words, n]) => `${n} ${n === 1 ? 'portal' : 'portals'} ${words}`),
  ];
  return {
    level: failed > 0 ? 'failed' : anyWarning ? 'warning' : 'ok',
    tooltip: `Taskwatch — ${parts.length > 0 ? parts.join(', ') : calmSummary(snapshot)}`,
    attention: attentionTasks(snapshot),
    notificationsPausedUntil: snapshot.settings.notificationsPausedUntil,
  };
}

function calmSummary(snapshot: Snapshot): string {
  if (snapshot.portals.length === 0) return 'no portals yet';
  if (snapshot.tasks.length === 0) return 'no tasks yet';
  return `all ${snapshot.tasks.length} ${snapshot.tasks.length === 1 ? 'task' : 'tasks'} OK`;
}

function attentionTasks(snapshot: Snapshot): TrayTask[] {
  const portalLabel = new Map(snapshot.portals.map((portal) => [portal.id, portal.label]));
  return snapshot.tasks
    .filter((task) => ATTENTION.includes(task.health))
    .sort((a, b) => ATTENTION.indexOf(a.health) - ATTENTION.indexOf(b.health))
    .map((task) => ({
      ref: { portalId: task.portalId, taskId: task.id },
      label: `${task.title} (${portalLabel.get(task.portalId) ?? task.portalId}) — ${task.health}`,
    }));
}
