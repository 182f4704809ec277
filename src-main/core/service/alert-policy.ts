import { isPortalDown } from '../../contract/vocabulary';
import type { AlertCenter } from '../alerts/alert-center';
import { alertsFor } from '../alerts/rules';
import type { MonitorEvent } from '../monitor/events';
import type { TaskStatus } from '../monitor/task-status';
import type { PortalConfig } from '../store/config';
import type { PortalState } from '../store/state';
import type { TaskStatuses } from './task-statuses';

export interface AlertPolicyOptions {
  statuses: TaskStatuses;
  alerts: AlertCenter;
  /** Look, don't touch (`taskwatch check`): conclude, but raise nothing and write nothing. */
  readOnly: boolean;
  persistState: () => Promise<void>;
  /** Work that stop() and pollOnce() wait for. */
  inBackground: (work: Promise<void>) => void;
}

/**
 * What happens after each poll of a portal: the tasks' conclusions are brought up to date (only when the
 * task list was read: stale tasks prove nothing new), the alert rules run over what was found, new
 * alerts go to the outbox, and the state is saved before anything is shown.
 */
export class AlertPolicy {
  constructor(private readonly options: AlertPolicyOptions) {}

  afterPoll(portal: PortalConfig, portalState: PortalState, events: MonitorEvent[], now: number): void {
    const { statuses, alerts, readOnly, persistState, inBackground } = this.options;
    const listed = !isPortalDown(portalState.health.status);
    const fresh = listed ? statuses.refresh(portal, now) : new Map<string, TaskStatus>();
    if (readOnly) return;
    const raised = alerts.raise(alertsFor({ portal, state: portalState, events, statuses: fresh, now }));
    // A quiet poll changes nothing worth writing (the timestamps are re-learnt on the next poll).
    if (events.length > 0 || raised.length > 0) inBackground(persistState().then(() => alerts.flush()));
  }
}
