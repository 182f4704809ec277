import type { PortalStatus, PortalView, TaskHealth, TaskSummary } from '$contract/models';
import { PROBLEM_HEALTHS, isPortalDown, isProblemHealth } from '$contract/vocabulary';
import { portalName } from './format';

export interface PortalProblems {
  id: string;
  name: string;
  status: PortalStatus;
  /** How many of its tasks have each problem health (zeros left out), worst first. */
  counts: Array<[TaskHealth, number]>;
  problemTasks: number;
}

/** Whether a portal needs a look: it cannot be read (wholly or in part), or a task of it has a problem. */
const needsLook = (portal: PortalProblems) => portal.problemTasks > 0 || (portal.status !== 'ok' && portal.status !== 'pending');

/**
 * Per portal, its connection and its tasks' problems, for the overview above the task table: the portals
 * that need a look, worst first (down before partial, then by their worst task, then by how many), and how
 * many are fine. One pass over the tasks, so 10,000 of them cost little.
 */
export function portalOverview(portals: readonly PortalView[], tasks: readonly TaskSummary[]): { troubled: PortalProblems[]; fine: number } {
  const counts = new Map<string, Map<TaskHealth, number>>();
  for (const task of tasks) {
    if (!isProblemHealth(task.health)) continue;
    const byHealth = counts.get(task.portalId) ?? new Map<TaskHealth, number>();
    byHealth.set(task.health, (byHealth.get(task.health) ?? 0) + 1);
    counts.set(task.portalId, byHealth);
  }
  const all = portals.map((portal): PortalProblems => {
    const byHealth = counts.get(portal.id);
    const list = PROBLEM_HEALTHS.flatMap((health): Array<[TaskHealth, number]> => (byHealth?.get(health) ? [[health, byHealth.get(health)!]] : []));
    return { id: portal.id, name: portalName(portal), status: portal.health.status, counts: list, problemTasks: list.reduce((sum, [, n]) => sum + n, 0) };
  });
  const worstHealth = (portal: PortalProblems) => (portal.counts[0] ? PROBLEM_HEALTHS.indexOf(portal.counts[0][0]) : PROBLEM_HEALTHS.length);
  const connection = (portal: PortalProblems) => (isPortalDown(portal.status) ? 0 : portal.status === 'ok' ? 2 : 1);
  const troubled = all
    .filter(needsLook)
    .sort((a, b) => connection(a) - connection(b) || worstHealth(a) - worstHealth(b) || b.problemTasks - a.problemTasks || a.name.localeCompare(b.name));
  return { troubled, fine: all.length - troubled.length };
}
