import { isPortalDown } from '../../contract/vocabulary';
import type { AlertCenter } from '../alerts/alert-center';
import { alertsFor } from '../alerts/rules';
import type { MonitorEvent } from '../monitor/events';
import type { TaskStatus } from '../monitor/task-status';
import type { Router } from '../routing/router';
import type { PortalConfig } from '../store/config';
import type { PortalState } from '../store/state';
import type { TaskStatuses } from './task-statuses';

export interface AlertPolicyOptions {
  statuses: TaskStatuses;
  alerts: AlertCenter;
  router: Router;
  /** Look, don't touch (`taskwatch check`): conclude, but raise nothing and write nothing. */
  readOnly: boolean;
  persistState: () => Promise<void>;
  persistConfig: () => Promise<void>;
  /** Channels send what was queued (after the state that queued it is saved). */
  flushChannels: () => Promise<void>;
  /** Work that stop() and pollOnce() wait for. */
  inBackground: (work: Promise<void>) => void;
}

/**
 * What happens after each poll of a portal: the tasks' conclusions are brought up to date (only when the
 * task list was read: stale tasks prove nothing new), the alert rules run over what was found, new
 * alerts are routed (sent, or held by a mute or maintenance window), holds that ended are released and
 * reminders due are queued; the state is saved before anything is shown or sent.
 */
export class AlertPolicy {
  constructor(private readonly options: AlertPolicyOptions) {}

  afterPoll(portal: PortalConfig, portalState: PortalState, events: MonitorEvent[], now: number): void {
    const { statuses, alerts, router, readOnly, persistState, persistConfig, flushChannels, inBackground } = this.options;
    const listed = !isPortalDown(portalState.health.status);
    const overdueBefore = overdueOf(statuses.byPortal.get(portal.id));
    const fresh = listed ? statuses.refresh(portal, now) : new Map<string, TaskStatus>();
    if (readOnly) return;
    const raised = alerts.raise(alertsFor({ portal, state: portalState, events, statuses: fresh, now, overdueBefore }));
    const known = statuses.byPortal.get(portal.id) ?? fresh;
    const { configChanged, stateChanged } = router.review(portal, portalState, known, listed, now);
    if (configChanged) inBackground(persistConfig());
    // A quiet poll changes nothing worth writing (the timestamps are re-learnt on the next poll).
    if (events.length > 0 || raised.length > 0 || stateChanged) {
      inBackground(
        persistState().then(() => {
          void flushChannels(); // never awaited: a hanging channel delays nothing
          return alerts.flush();
        }),
      );
    }
  }
}

/** Per task, when its overdue episode's first missed run was due; worked out once per map (the same map, the same statuses). */
const overdueFound = new WeakMap<Map<string, TaskStatus>, Map<string, number>>();

function overdueOf(statuses: Map<string, TaskStatus> | undefined): Map<string, number> {
  if (!statuses) return new Map();
  let overdue = overdueFound.get(statuses);
  if (!overdue) {
    overdue = new Map();
    for (const [taskId, status] of statuses) if (status.overdue) overdue.set(taskId, status.overdue.occurrence);
    overdueFound.set(statuses, overdue);
  }
  return overdue;
}
