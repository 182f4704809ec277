import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPortal, type SimTask, type SimulatedPortal } from '../../src-main/sim';

const HOUR = 3_600_000;
const BASE = Date.UTC(2024, 3, 22);
const gp: SimTask = {
  id: 'gp1',
  title: 'gpCleanerTask',
  taskType: 'CleanGPJobs',
  cronExpression: '0 0 * * * ?',
  history: Array.from({ length: 25 }, (_, n) => ({ status: 'succeeded', result: `run ${n}`, startedAt: BASE + n * HOUR })),
};

type RunsAnswer = { result: { result: string; task: { lastStart: number } }[]; total: number; num: number; start: number; nextStart: number };

let portal: SimulatedPortal;
afterEach(async () => portal?.close());

async function runs(query = ''): Promise<RunsAnswer> {
  const body = new URLSearchParams({ username: 'admin', password: 'admin-password', client: 'referer', referer: 'taskwatch', f: 'json' });
  const { token } = (await (await fetch(portal.tokenUrl, { method: 'POST', body })).json()) as { token: string };
  const answer = await fetch(`${portal.adminUrl}/system/tasks/gp1/runs?f=json${query}`, { headers: { 'X-Esri-Authorization': `Bearer ${token}` } });
  return (await answer.json()) as RunsAnswer;
}

describe('the runs resource, as the documentation allows it to answer', () => {
  it('honours start and num by default', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const page = await runs('&start=20&num=10');
    expect(page).toMatchObject({ total: 25, num: 5, start: 20, nextStart: -1 });
    expect(page.result.map((run) => run.result)).toEqual(['run 4', 'run 3', 'run 2', 'run 1', 'run 0']);
  });

  it('can ignore paging and send every run at once, ending with "nextStart": 0 like the reference sample', async () => {
    portal = await startSimulatedPortal({ tasks: [gp], runsPaging: 'ignore' });
    const page = await runs('&start=10&num=5');
    expect(page).toMatchObject({ total: 25, num: 25, start: 0, nextStart: 0 });
    expect(page.result).toHaveLength(25);
    expect(page.result[0]!.result).toBe('run 24');
    portal.setRunsPaging('honour');
    expect((await runs('&start=10&num=5')).result).toHaveLength(5);
  });

  it('embeds the task as it is now in every run by default, or as it was when each run began', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    const current = await runs('&num=3');
    expect(current.result.map((run) => run.task.lastStart)).toEqual([BASE + 24 * HOUR, BASE + 24 * HOUR, BASE + 24 * HOUR]);
    portal.setRunsEmbed('snapshot');
    const snapshot = await runs('&num=3');
    expect(snapshot.result.map((run) => run.task.lastStart)).toEqual([24, 23, 22].map((n) => BASE + n * HOUR));
    await portal.close();
    portal = await startSimulatedPortal({ tasks: [gp], runsEmbed: 'snapshot' });
    expect((await runs('&num=1')).result[0]!.task.lastStart).toBe(BASE + 24 * HOUR);
    expect((await runs('&start=24&num=1')).result[0]!.task.lastStart).toBe(BASE);
  });

  it('shows a change to the task in the runs it already listed when embedding the current task', async () => {
    portal = await startSimulatedPortal({ tasks: [gp] });
    await runs('&num=2');
    portal.updateTask('gp1', { title: 'renamed' });
    const page = (await runs('&num=2')) as unknown as { result: { task: { taskTitle: string } }[] };
    expect(page.result.map((run) => run.task.taskTitle)).toEqual(['renamed', 'renamed']);
  });

  it('serves 50,000 runs in one answer, written as it is serialised, as the same JSON a small answer would be', async () => {
    const history = Array.from({ length: 50_000 }, (_, n) => ({ status: n === 777 ? 'failed' : 'succeeded', result: `run ${n}`, startedAt: BASE + n * HOUR }));
    portal = await startSimulatedPortal({ tasks: [{ ...gp, history }], runsPaging: 'ignore' });
    const page = await runs();
    expect(page).toMatchObject({ total: 50_000, num: 50_000, start: 0, nextStart: 0 });
    expect(page.result).toHaveLength(50_000);
    expect(page.result[0]).toMatchObject({ result: 'run 49999', task: { lastStart: BASE + 49_999 * HOUR } });
    expect(Object.keys(page.result[0]!)).toEqual(['result', 'task', 'created', 'modified', 'runId', 'url', 'status']);
    expect(page.result.filter((run) => (run as unknown as { status: string }).status === 'failed')).toHaveLength(1);
  });

  it('writes a long list in parts as the same runs, in the same order, as its pages', async () => {
    const history = Array.from({ length: 1500 }, (_, n) => ({ status: 'succeeded', result: `run ${n}`, startedAt: BASE + n * HOUR }));
    portal = await startSimulatedPortal({ tasks: [{ ...gp, history }], runsPaging: 'ignore' });
    const whole = await runs();
    portal.setRunsPaging('honour');
    const pages = await Promise.all(Array.from({ length: 15 }, (_, page) => runs(`&start=${page * 100}&num=100`)));
    expect(whole.result).toEqual(pages.flatMap((page) => page.result));
  });
});
