import { afterEach, describe, expect, it } from 'vitest';
import { PortalClient, type PortalTask } from '../../src-main/core/portal';
import { demoScenarios, startSimulatedPortal, type SimScenario, type SimulatedPortal } from '../../src-main/sim';

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 5, 12, 15, 20); // a Wednesday afternoon

let portals: SimulatedPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.map((portal) => portal.close()));
  portals = [];
});

async function open(scenario: SimScenario, now: () => number = () => NOW) {
  const portal = await startSimulatedPortal({ tasks: scenario, now });
  portals.push(portal);
  const client = new PortalClient(
    { baseUrl: portal.baseUrl, adminUrl: portal.adminUrl, username: 'admin', timeZone: scenario.timeZone, fingerprint: null },
    { getPassword: async () => 'admin-password' },
  );
  return { portal, client };
}

async function everything(): Promise<{ scenario: SimScenario; tasks: PortalTask[]; client: PortalClient }[]> {
  return Promise.all(
    demoScenarios(NOW).map(async (scenario) => {
      const { client } = await open(scenario);
      const { tasks, skipped } = await client.listTasks();
      expect(skipped).toEqual([]);
      return { scenario, tasks, client };
    }),
  );
}

describe('the demo scenario', () => {
  it('has several portals with the tasks an admin knows', async () => {
    const portals = await everything();
    expect(portals.length).toBeGreaterThanOrEqual(3);
    const tasks = portals.flatMap((portal) => portal.tasks);
    expect(tasks.find((task) => task.taskType === 'CreateBackup' && task.cronExpression === '0 0 4 ? * 7' && task.active)).toBeDefined();
    expect(tasks.find((task) => task.taskType === 'CleanGPJobs' && task.cronExpression === '0 0 * * * ?')).toBeDefined();
    expect(tasks.find((task) => task.taskType === 'BackupRetentionCleaner')).toBeDefined();
    expect(tasks.find((task) => task.state === 'paused' && !task.active)).toBeDefined();
    expect(tasks.find((task) => !['CreateBackup', 'CleanGPJobs', 'BackupRetentionCleaner'].includes(task.taskType))).toBeDefined();
    expect(tasks.find((task) => typeof task.parameters.passcode === 'string')).toBeDefined();
    expect(new Set(portals.map((portal) => portal.scenario.dateFormat))).toEqual(new Set(['epoch', 'text', 'mixed']));
  });

  it('has a nightly backup whose latest run failed, with the words an admin needs', async () => {
    const portals = await everything();
    const found = portals.flatMap(({ tasks, client }) => tasks.filter((task) => task.title === 'nightlyBackup').map((task) => ({ task, client })));
    expect(found).toHaveLength(1);
    const { runs } = await found[0]!.client.listRuns(found[0]!.task.id);
    expect(runs[0]).toMatchObject({ status: 'failed', result: "Backup failed: the backup store 'default' is not reachable (connection timed out)." });
    expect(runs[1]!.status).toBe('succeeded');
  });

  it('has a few days of history ending before now, newest first, with realistic results', async () => {
    for (const { tasks, client } of await everything()) {
      for (const task of tasks.filter((candidate) => candidate.active)) {
        const page = await client.listRuns(task.id, { num: 100 });
        expect(page.runs.length).toBeGreaterThan(0);
        const created = page.runs.map((run) => run.created!);
        expect(created).toEqual([...created].sort((a, b) => b - a));
        expect(Math.max(...created)).toBeLessThanOrEqual(NOW);
        expect(Math.min(...created)).toBeGreaterThan(NOW - 30 * 24 * HOUR);
        for (const run of page.runs) expect(run.result.length).toBeGreaterThan(10);
      }
    }
  });

  it('has an active hourly task that has not run for hours (overdue), and stays so in live mode', async () => {
    const scenario = demoScenarios(NOW).find((candidate) => candidate.tasks.some((task) => task.stalled))!;
    let now = NOW;
    const { portal, client } = await open(scenario, () => now);
    const stalled = scenario.tasks.find((task) => task.stalled)!;
    const before = await client.getTask(stalled.id);
    expect(before.active).toBe(true);
    expect(NOW - before.lastStart!).toBeGreaterThan(4 * HOUR);
    now += 24 * HOUR;
    expect(portal.tick()).toBeGreaterThan(0); // the other tasks do run
    expect((await client.getTask(stalled.id)).lastStart).toBe(before.lastStart);
  });
});
