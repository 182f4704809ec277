import { describe, expect, it } from 'vitest';
import { portalStatuses, type PortalStatus } from '../../../src-main/contract/vocabulary';
import { alertsFor } from '../../../src-main/core/alerts/rules';
import { emptyLedger } from '../../../src-main/core/monitor/run-ledger';
import { PortalConfig } from '../../../src-main/core/store/config';
import { emptyPortalHealth, emptyPortalZone, type CachedRun, type CachedTask, type PortalState } from '../../../src-main/core/store/state';

const NOW = Date.UTC(2026, 10, 20, 12);
const portal = PortalConfig.parse({ id: 'https://gis.example.com/portal', url: 'https://gis.example.com/portal', adminUrl: 'https://gis.example.com/portal/admin', username: 'admin' });
const task: CachedTask = { id: 'gp', title: 'gpCleanerTask', taskType: 'CleanGPJobs', type: '', state: 'active', active: true, cronExpression: '0 0 * * * ?', cronSchedule: null, runIntervalSeconds: 3600, startDate: null, maxOccurrences: -1, lastStart: null, created: 0, updated: 0, generation: 1, parameters: {} };
const run = (status: string, id = `r-${status}`): CachedRun => ({ id, status, result: '', created: NOW - 60_000, modified: NOW - 60_000, startedAt: null, seenAt: NOW });
const state = (status: PortalStatus = 'ok'): PortalState => ({ baselined: true, tasks: {}, health: { ...emptyPortalHealth(), status, since: NOW }, zone: emptyPortalZone() });

describe('alert rules', () => {
  it('alerts every portal status the vocabulary calls a problem, under that problem kind', () => {
    for (const status of Object.keys(portalStatuses) as PortalStatus[]) {
      const kinds = alertsFor({ portal, state: state(status), events: [], statuses: new Map(), now: NOW }).map((alert) => alert.kind);
      expect(kinds).toEqual(portalStatuses[status].problem ? [portalStatuses[status].problem] : []);
    }
  });

  it('alerts news runs by outcome: failures and wordless runs fail, skipped did not happen, the rest are quiet', () => {
    const events = ['failed', 'submitfailed', 'TIMED OUT', '', 'skipped', 'succeeded', 'executing'].map((status) => ({ type: 'run-seen' as const, portalId: portal.id, task, run: run(status), news: true }));
    const alerts = alertsFor({ portal, state: state(), events, statuses: new Map(), now: NOW });
    expect(alerts.map((alert) => `${alert.kind}:${alert.runId}`)).toEqual([
      'failed-run:r-failed',
      'failed-run:r-submitfailed',
      'failed-run:r-TIMED OUT',
      'failed-run:r-',
      'skipped-run:r-skipped',
    ]);
  });

  it('never alerts a run that is history', () => {
    const events = [{ type: 'run-seen' as const, portalId: portal.id, task, run: run('failed'), news: false }];
    expect(alertsFor({ portal, state: state(), events, statuses: new Map(), now: NOW })).toEqual([]);
  });

  it('keys a task whose runs are unreadable by the start of the episode: once per episode', () => {
    const withProblem = state('partial');
    withProblem.tasks.gp = { task, runs: [], ledger: emptyLedger(), runCount: null, activeSince: null, firstSeenAt: 0, runsReadAt: null, runsProblem: { message: 'HTTP 502', since: NOW - 5_000 }, notes: [], outrun: null };
    const [first] = alertsFor({ portal, state: withProblem, events: [], statuses: new Map(), now: NOW });
    const [again] = alertsFor({ portal, state: withProblem, events: [], statuses: new Map(), now: NOW + 60_000 });
    expect(first!.kind).toBe('runs-unreadable');
    expect(again!.key).toBe(first!.key);
  });
});
