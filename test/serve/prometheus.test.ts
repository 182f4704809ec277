import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_HEALTH_ORDER } from '../../src-main/contract/vocabulary';
import { startSimulatedPortal, type SimulatedPortal } from '../../src-main/sim/portal-server';
import { scratchFolder } from '../support/core-harness';
import { HOUR, hourlyCleaner, lastFullHour } from '../support/sim-tasks';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';
import { CLI, startServe, type ServeProcess } from './serve-process';

/**
 * What a team running Prometheus sees: a real Prometheus scrapes the built `taskwatch serve` (a child
 * process, passwords in the test session's real keychain) watching a simulated portal, evaluates the
 * alert rules shipped in build/serve, and answers through its HTTP API.
 */
const RULES = join(import.meta.dirname, '../../build/serve/taskwatch-alerts.yml');
const DASHBOARD = join(import.meta.dirname, '../../build/serve/taskwatch-dashboard.json');
const TOKEN = 'scrape-token-0123456789abcdef';

const LAST_HOUR = lastFullHour();


function portalAdd(home: string, url: string): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, '--home', home, 'portal', 'add', url, '--username', 'admin', '--time-zone', 'UTC']);
  child.stdin.end('admin-password\n');
  return new Promise((resolve) => child.on('close', resolve));
}

/** Series by task id: the label value of `label` where the sample is 1. */
const byTask = (samples: Array<{ metric: Record<string, string> }>, label: string) =>
  Object.fromEntries(samples.map(({ metric }) => [metric.task_id, metric[label]]));

describe('taskwatch serve scraped by a real Prometheus', () => {
  let sim: SimulatedPortal;
  let home: Awaited<ReturnType<typeof scratchFolder>>;
  let served: ServeProcess;
  let prometheus: RunningPrometheus;
  let metricsUrl: string;

  beforeAll(async () => {
    expect(existsSync(CLI), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    // `stale` last ran two hours before the last full hour: the run due an hour later never happened.
    // gp ran 10 minutes ago (by hand, off the hour): the run started below is then later than it by more
    // than Taskwatch's same-run tolerance, whatever minute of the hour the test runs at.
    const gp = { ...hourlyCleaner('gp', 'gpCleanerTask'), history: [{ startedAt: Date.now() - 10 * 60_000, durationMs: 1_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' }] };
    sim = await startSimulatedPortal({ tasks: [gp, hourlyCleaner('retention', 'retentionCleaner'), hourlyCleaner('stale', 'staleCleaner', 2)] });
    home = await scratchFolder();
    expect(await portalAdd(home.path, sim.baseUrl)).toBe(0);
    const tokenFile = join(home.path, 'metrics-token');
    await writeFile(tokenFile, `${TOKEN}\n`);
    await chmod(tokenFile, 0o600);
    served = startServe(home.path, ['--listen', '127.0.0.1:0', '--interval', '1', '--metrics-token-file', tokenFile]);
    metricsUrl = await served.url();
    prometheus = await startPrometheus(join(home.path, 'prometheus'), [{ job: 'taskwatch', address: new URL(metricsUrl).host, bearerTokenFile: tokenFile }], [RULES]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (served && served.child.exitCode === null) served.child.kill('SIGKILL');
    await sim?.close();
    await home?.remove();
  });

  it('answers /healthz and /readyz openly, and /metrics only to the bearer token', async () => {
    expect((await fetch(`${metricsUrl}/healthz`)).status).toBe(200);
    await expect.poll(async () => (await fetch(`${metricsUrl}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    const anonymous = await fetch(`${metricsUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('taskwatch_');
    expect((await fetch(`${metricsUrl}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    const scraped = await fetch(`${metricsUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('shows every task with one health series per state, the portal up, and its polls measured', async () => {
    await expect.poll(async () => (await prometheus.query('up{job="taskwatch"}')).map((sample) => sample.value), { timeout: 15_000 }).toEqual([1]);
    await expect
      .poll(async () => byTask(await prometheus.query('taskwatch_task_health == 1'), 'health'), { timeout: 15_000 })
      .toEqual({ gp: 'ok', retention: 'ok', stale: 'overdue' });

    const gpHealth = await prometheus.query(`taskwatch_task_health{task_id="gp", portal="${sim.baseUrl}"}`);
    expect(gpHealth.map(({ metric }) => metric.health).sort()).toEqual([...TASK_HEALTH_ORDER].sort());
    expect(byTask(await prometheus.query('taskwatch_task_info'), 'title')).toEqual({ gp: 'gpCleanerTask', retention: 'retentionCleaner', stale: 'staleCleaner' });
    expect(byTask(await prometheus.query('taskwatch_task_last_run_outcome == 1'), 'outcome')).toEqual({ gp: 'success', retention: 'success', stale: 'success' });
    const nextHour = (LAST_HOUR + HOUR) / 1000;
    expect((await prometheus.query('taskwatch_task_next_run_timestamp_seconds')).map((sample) => sample.value)).toEqual([nextHour, nextHour, nextHour]);
    const overdue = Object.fromEntries((await prometheus.query('taskwatch_task_overdue_seconds')).map(({ metric, value }) => [metric.task_id, value]));
    expect(overdue).toMatchObject({ gp: 0, retention: 0 });
    const missedDue = (LAST_HOUR - HOUR) / 1000; // the first run that did not happen
    expect(Math.abs(overdue.stale! - (Date.now() / 1000 - missedDue))).toBeLessThan(30);

    expect((await prometheus.query('taskwatch_portal_up')).map(({ metric, value }) => [metric.portal, value])).toEqual([[sim.baseUrl, 1]]);
    const [duration] = await prometheus.query('taskwatch_portal_last_poll_duration_seconds');
    expect(duration!.value).toBeGreaterThan(0);
    expect(duration!.value).toBeLessThan(5);
    const [requests] = await prometheus.query('taskwatch_portal_requests_total');
    expect(requests!.value).toBeGreaterThanOrEqual(3); // a token, the task list, the runs: and more each second
    const [lastSuccess] = await prometheus.query('taskwatch_portal_last_success_timestamp_seconds');
    expect(Math.abs(lastSuccess!.value - Date.now() / 1000)).toBeLessThan(10);
  });

  it('fires the shipped rules: TaskwatchTaskOverdue for the silent task, TaskwatchRunFailed for a failed run (its duration seen), with titles', async () => {
    const firing = async () =>
      (await prometheus.alerts())
        .filter((alert) => alert.state === 'firing')
        .map(({ labels }) => [labels.alertname, labels.portal, labels.task_id, labels.title, labels.severity])
        .sort();
    await expect.poll(firing, { timeout: 15_000 }).toEqual([['TaskwatchTaskOverdue', sim.baseUrl, 'stale', 'staleCleaner', 'critical']]);

    // A run Taskwatch sees start (90 s ago) and then fail: its duration is known.
    sim.startRun('gp', Date.now() - 90_000);
    await expect.poll(async () => byTask(await prometheus.query('taskwatch_task_health{task_id="gp"} == 1'), 'health'), { timeout: 10_000 }).toEqual({ gp: 'running' });
    const failed = sim.completeRun('gp', { status: 'failed', result: 'GP job cleanup failed: disk full.' });
    await expect.poll(firing, { timeout: 15_000 }).toEqual([
      ['TaskwatchRunFailed', sim.baseUrl, 'gp', 'gpCleanerTask', 'critical'],
      ['TaskwatchTaskOverdue', sim.baseUrl, 'stale', 'staleCleaner', 'critical'],
    ]);
    expect(byTask(await prometheus.query('taskwatch_task_health == 1'), 'health')).toEqual({ gp: 'failed', retention: 'ok', stale: 'overdue' });
    expect(byTask(await prometheus.query('taskwatch_task_last_run_outcome == 1'), 'outcome')).toEqual({ gp: 'failure', retention: 'success', stale: 'success' });
    const durations = Object.fromEntries((await prometheus.query('taskwatch_task_last_run_duration_seconds')).map(({ metric, value }) => [metric.task_id, value]));
    expect(durations).toMatchObject({ retention: 1, stale: 1 }); // the history's runs, started at the task's lastStart
    expect(durations.gp).toBeGreaterThanOrEqual(90);
    expect(durations.gp).toBeLessThan(100);

    // Taskwatch's own alerts, once each: counted by kind, and one log line each.
    const counted = async () => Object.fromEntries((await prometheus.query('taskwatch_alerts_total > 0')).map(({ metric, value }) => [metric.kind, value]));
    await expect.poll(counted, { timeout: 5_000 }).toEqual({ 'failed-run': 1, overdue: 1 });
    const alerts = served.lines().filter((line) => line.fields?.event === 'alert');
    expect(alerts.map((line) => [line.level, line.message, line.fields!.kind, line.fields!.taskId, line.fields!.runId])).toEqual([
      ['warn', 'staleCleaner is overdue', 'overdue', 'stale', null],
      ['warn', 'gpCleanerTask failed', 'failed-run', 'gp', failed.runId],
    ]);
  });

  it('exports text that promtool lints clean, and rules and a dashboard that use only the metrics it exports', async () => {
    const exposition = await (await fetch(`${metricsUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    // Ours only: prom-client's standard nodejs_* names (e.g. nodejs_active_handles_total, a gauge) are its own choice.
    const ours = exposition.split('\n').filter((line) => /^(# (HELP|TYPE) )?taskwatch_/.test(line)).join('\n');
    const lint = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: `${ours}\n`, encoding: 'utf8' });
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const exported = new Set([...exposition.matchAll(/^# TYPE (taskwatch_\w+)/gm)].map((match) => match[1]));
    for (const file of [RULES, DASHBOARD]) {
      const used = new Set([...readFileSync(file, 'utf8').matchAll(/\btaskwatch_[a-z_]+/g)].map((match) => match[0]));
      expect(used.size, file).toBeGreaterThan(3);
      expect([...used].filter((name) => !exported.has(name)), file).toEqual([]);
    }
  });

  it('stops on SIGTERM: exit 0, state saved, only JSON lines on stdout and no secret in them', async () => {
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    const lines = served.lines();
    expect(lines.at(-1)!.message).toBe('Stopped: state saved');
    const state = JSON.parse(readFileSync(join(home.path, 'state.json'), 'utf8')) as { alerted: Record<string, number> };
    expect(Object.keys(state.alerted).some((key) => key.includes('gp'))).toBe(true);
    for (const secret of ['admin-password', TOKEN, ...sim.issuedTokens()]) expect(served.stdout()).not.toContain(secret);
    expect(served.stderr()).toBe('');
  });
});
