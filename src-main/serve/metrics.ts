import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Snapshot } from '../contract/models';
import { AlertKind, PortalStatus, RunOutcome, TASK_HEALTH_ORDER, isPortalDown } from '../contract/vocabulary';
import type { PortalPollStats } from '../core/service';

/** What the metrics are read from: the service's snapshot plus the few facts it keeps for metrics. */
export interface MetricsSource {
  snapshot(): Snapshot;
  pollStats(portalId: string): PortalPollStats;
  overdueSince(portalId: string, taskId: string): number | null;
}

const seconds = (ms: number) => ms / 1000;
const PORTAL = ['portal'] as const;
const TASK = ['portal', 'task_id'] as const;

/**
 * Taskwatch as Prometheus sees it. Labels are bounded by the configuration: `portal` (its URL, one per
 * configured portal), `task_id` (the portal's task id), and fixed word lists from the vocabulary
 * (`health`, `status`, `outcome`, `kind`). The task title, which an admin may rename, is only on
 * `taskwatch_task_info`, so a rename does not start new series for everything else.
 * Snapshot-derived series are rebuilt at each scrape, so removed portals and tasks disappear.
 */
export class TaskwatchMetrics {
  readonly registry = new Registry();
  readonly #now: () => number;
  #rendering: Promise<unknown> = Promise.resolve();

  readonly #portalUp = this.#gauge('taskwatch_portal_up', PORTAL, "Whether the last poll read the portal's task list (1) or not (0).");
  readonly #portalStatus = this.#gauge('taskwatch_portal_status', [...PORTAL, 'status'],
    'How the portal answered its last poll: 1 for the current status, 0 for the others.');
  readonly #portalLastSuccess = this.#gauge('taskwatch_portal_last_success_timestamp_seconds', PORTAL,
    "When a poll last read the portal's task list (Unix time).");
  readonly #portalLastPoll = this.#gauge('taskwatch_portal_last_poll_timestamp_seconds', PORTAL,
    'When the last poll of the portal ended, successful or not (Unix time).');
  readonly #portalPollDuration = this.#gauge('taskwatch_portal_last_poll_duration_seconds', PORTAL, 'How long the last poll of the portal took.');
  readonly #portalRequests = this.#counter('taskwatch_portal_requests_total', PORTAL, 'Requests sent to the portal since Taskwatch started (tokens, task lists, runs).');
  readonly #taskInfo = this.#gauge('taskwatch_task_info', [...TASK, 'title', 'type'],
    "Always 1: the task's title and type, to join onto the other task series by portal and task_id.");
  readonly #taskHealth = this.#gauge('taskwatch_task_health', [...TASK, 'health'], "The task's health: 1 for the current one, 0 for the others.");
  readonly #lastRunTime = this.#gauge('taskwatch_task_last_run_timestamp_seconds', TASK,
    "When the task's latest run last changed: its end once finished (Unix time).");
  readonly #lastRunOutcome = this.#gauge('taskwatch_task_last_run_outcome', [...TASK, 'outcome'],
    "What the task's latest run came to: 1 for its outcome, 0 for the others (all 0 before any run).");
  readonly #lastRunDuration = this.#gauge('taskwatch_task_last_run_duration_seconds', TASK,
    'How long the latest run took, where Taskwatch saw it start.');
  readonly #nextRun = this.#gauge('taskwatch_task_next_run_timestamp_seconds', TASK,
    'When the task is next due (Unix time), where its schedule and zone are known.');
  readonly #overdue = this.#gauge('taskwatch_task_overdue_seconds', TASK, 'Seconds since the first missed run was due; 0 when the task is not overdue.');
  readonly #alerts = this.#counter('taskwatch_alerts_total', ['kind'], 'Alerts delivered since Taskwatch started, by kind.');

  constructor(now: () => number = Date.now) {
    this.#now = now;
    collectDefaultMetrics({ register: this.registry });
    for (const kind of AlertKind.options) this.#alerts.inc({ kind }, 0); // every kind present from the start: rate() needs a zero
  }

  /** One alert delivered. */
  alerted(kind: AlertKind): void {
    this.#alerts.inc({ kind });
  }

  /** The exposition text, freshly derived from the snapshot. Scrapes run one after the other. */
  render(source: MetricsSource): Promise<string> {
    const rendered = this.#rendering.then(() => {
      this.#refresh(source);
      return this.registry.metrics();
    });
    this.#rendering = rendered.catch(() => {});
    return rendered;
  }

  #refresh(source: MetricsSource): void {
    const snapshot = source.snapshot();
    const now = this.#now();
    const derived = [
      ...[this.#portalUp, this.#portalStatus, this.#portalLastSuccess, this.#portalLastPoll, this.#portalPollDuration, this.#portalRequests],
      ...[this.#taskInfo, this.#taskHealth, this.#lastRunTime, this.#lastRunOutcome, this.#lastRunDuration, this.#nextRun, this.#overdue],
    ];
    for (const metric of derived) metric.reset(); // removed portals and tasks leave no stale series

    for (const { id, health } of snapshot.portals) {
      const portal = { portal: id };
      const stats = source.pollStats(id);
      this.#portalUp.set(portal, !isPortalDown(health.status) && health.lastSuccessAt !== null ? 1 : 0);
      for (const status of PortalStatus.options) this.#portalStatus.set({ ...portal, status }, status === health.status ? 1 : 0);
      if (health.lastSuccessAt !== null) this.#portalLastSuccess.set(portal, seconds(health.lastSuccessAt));
      if (health.lastAttemptAt !== null) this.#portalLastPoll.set(portal, seconds(health.lastAttemptAt));
      if (stats.lastPollMs !== null) this.#portalPollDuration.set(portal, seconds(stats.lastPollMs));
      this.#portalRequests.inc(portal, stats.requests);
    }

    for (const task of snapshot.tasks) {
      const labels = { portal: task.portalId, task_id: task.id };
      this.#taskInfo.set({ ...labels, title: task.title, type: task.taskType }, 1);
      for (const health of TASK_HEALTH_ORDER) this.#taskHealth.set({ ...labels, health }, health === task.health ? 1 : 0);
      const run = task.lastRun;
      for (const outcome of RunOutcome.options) this.#lastRunOutcome.set({ ...labels, outcome }, outcome === run?.outcome ? 1 : 0);
      const runTime = run ? (run.modified ?? run.created) : null;
      if (runTime !== null) this.#lastRunTime.set(labels, seconds(runTime));
      if (run?.durationMs != null) this.#lastRunDuration.set(labels, seconds(run.durationMs));
      if (task.nextRun !== null) this.#nextRun.set(labels, seconds(task.nextRun));
      const overdueSince = source.overdueSince(task.portalId, task.id);
      this.#overdue.set(labels, overdueSince === null ? 0 : Math.max(0, seconds(now - overdueSince)));
    }
  }

  #gauge<L extends string>(name: string, labelNames: readonly L[], help: string): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  #counter<L extends string>(name: string, labelNames: readonly L[], help: string): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
