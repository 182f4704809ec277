import type { Alert } from '../core/store/state';

/** What an alert is about, as the CLI's machine-readable lines spell it (watch --json, serve's log). */
export function alertFacts(alert: Alert) {
  return { kind: alert.kind, portal: alert.portalId, taskId: alert.taskId ?? null, runId: alert.runId ?? null };
}
