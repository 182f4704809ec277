import { describe, expect, it } from 'vitest';
import { parseTask, parseTaskList, readJson } from '../../../src-main/core/portal/answers';
import { PortalRequestError, type RunsPage } from '../../../src-main/core/portal';
import { runsAnswerReader } from '../../../src-main/core/portal/runs-stream';
import { runsSample, taskSamples } from './reference';

const url = 'https://gis.example.com/portal/admin/system/tasks';
const utc = Date.UTC;

function answer(body: string) {
  return readJson({ status: 200, statusText: 'OK', contentType: 'application/json', body }, url);
}

/** A runs answer (JSON text, or a value to send as JSON) read the way the client reads it: streamed. */
function parseRunsPage(json: unknown, timeZone: string, pageUrl: string, requestedStart: number): RunsPage {
  const reader = runsAnswerReader({ url: pageUrl, timeZone, requestedStart });
  reader.start({ status: 200, statusText: 'OK', contentType: 'application/json' });
  reader.write(Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)));
  return reader.end({ digest: '', unchanged: false }).page;
}

describe('the reference samples', () => {
  it('parses the three one-task samples, both date styles', () => {
    const [gp, backup, retention] = taskSamples().map((text) => parseTask(answer(text), 'UTC', url));
    expect(gp).toMatchObject({
      id: '2a1ba86743414f929c0c1f38b32f1c9c',
      title: 'gpCleanerTask',
      taskType: 'CleanGPJobs',
      type: 'GP_JOBS_CLEANER_TASK_TYPE',
      state: 'active',
      active: true,
      cronExpression: '0 0 * * * ?',
      runIntervalSeconds: 3600,
      maxOccurrences: -1,
      generation: 4,
      created: utc(2021, 3, 21, 22, 42, 17),
      lastStart: utc(2021, 3, 22, 2, 0, 0),
    });
    expect(gp!.cronSchedule).toEqual({ dayOfWeek: '?', hour: '*', month: '*', dayOfMonth: '*', minute: '0' });
    expect(backup).toMatchObject({ taskType: 'CreateBackup', state: 'paused', active: false, lastStart: 1634961600000, startDate: 1634961600000 });
    expect(backup!.parameters.passcode).toBe('[redacted]'); // the sample's `{crypt}3ngE...` is never kept
    expect(JSON.stringify(backup)).not.toContain('{crypt}');
    expect(retention).toMatchObject({ taskType: 'BackupRetentionCleaner', generation: 129, updated: 1634917446184 });
  });

  it('reports the runs sample as invalid JSON, with where it breaks and the URL', () => {
    let error: unknown;
    try {
      answer(runsSample());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PortalRequestError);
    expect(error).toMatchObject({ kind: 'bad-response', url });
    expect((error as Error).message).toContain(`${url} answered with invalid JSON`);
    expect((error as Error).message).toMatch(/line 3\d, column/);
  });

  it('reads the runs sample as a streamed answer, its missing comma tolerated: 4 runs, newest first', () => {
    const page = parseRunsPage(runsSample(), 'UTC', url, 0);
    expect(page.runs).toHaveLength(4);
    expect(page.runs.map((run) => run.id)).toEqual([
      'dae1bfa5d6ec44349790ebb3f27dd4e1',
      'a117f2c79e6b466b94947fa5521d514d',
      '74c7d1565a444c88b3f73da502b6b957',
      '234047ac6bb14d74abe1b65dce2172a4',
    ]);
    expect(page.runs[0]).toMatchObject({
      status: 'succeeded',
      result: 'GP Jobs have been cleaned.',
      created: utc(2021, 3, 22, 3, 0, 31),
      url: '',
    });
    expect(page).toMatchObject({ total: 4, start: 0, num: 4, nextStart: null, skipped: [] });
  });
});

const minimalTask = (fields: Record<string, unknown>) => ({ id: 'a', taskType: 'CleanGPJobs', taskState: 'active', active: true, ...fields });

describe('defensive parsing', () => {
  it('keeps task types, states and run statuses it has never seen', () => {
    const task = parseTask(minimalTask({ taskType: 'ReindexPortalContent', taskState: 'suspended-by-license' }), 'UTC', url);
    expect(task).toMatchObject({ taskType: 'ReindexPortalContent', state: 'suspended-by-license' });
    const page = parseRunsPage({ result: [{ runId: 'r1', status: 'timedout', result: 'cancelled after 2 hours' }] }, 'UTC', url, 0);
    expect(page.runs[0]).toMatchObject({ status: 'timedout', result: 'cancelled after 2 hours', created: null });
  });

  it('accepts taskId without id, and keeps parameters it has never seen (the window lists them)', () => {
    const task = parseTask({ taskId: 'b', taskTitle: 'x', futureField: { a: 1 }, parameters: { futureParameter: { a: 1 } } }, 'UTC', url);
    expect(task.id).toBe('b');
    expect(task.parameters).toEqual({ futureParameter: { a: 1 } });
  });

  it('skips one malformed task and reports it, keeping the others', () => {
    const { tasks, skipped } = parseTaskList({ result: [minimalTask({ id: 'good1' }), { taskTitle: 'no id' }, minimalTask({ id: 'good2', active: 'sometimes' }), minimalTask({ id: 'good3' })] }, 'UTC', url);
    expect(tasks.map((task) => task.id)).toEqual(['good1', 'good3']);
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatchObject({ index: 1 });
    expect(skipped[0]!.reason).toContain('"id" nor "taskId"');
    expect(skipped[1]!.reason).toContain('result[2].active');
  });

  it('keeps a run without runId under a stable stand-in id, so its failure is not lost', () => {
    const answer = { result: [{ status: 'failed', created: 4, result: 'Backup failed.' }, { runId: 'r2', status: 'failed', created: 5 }], total: 2 };
    const page = parseRunsPage(answer, 'UTC', url, 0);
    expect(page.runs.map((run) => run.idMissing)).toEqual([false, true]);
    const standIn = page.runs[1]!.id;
    expect(standIn).toMatch(/^no-id-/);
    expect(parseRunsPage(answer, 'UTC', url, 0).runs[1]!.id).toBe(standIn);
    expect(page.skipped).toEqual([]);
  });

  it('never reads the task copy embedded in a run: it is the task as it is now', () => {
    const run = { runId: 'r1', status: 'succeeded', created: 5, task: { lastStart: 99, taskTitle: 'x' } };
    const page = parseRunsPage({ result: [run] }, 'UTC', url, 0);
    expect(Object.keys(page.runs[0]!).sort()).toEqual(['created', 'dateText', 'id', 'idMissing', 'modified', 'result', 'status', 'url']);
    expect(page.runs[0]!.created).toBe(5);
  });

  it('names the field when the whole answer has the wrong shape', () => {
    expect(() => parseTaskList({ tasks: [] }, 'UTC', url)).toThrow(/unexpected shape: "result"/);
    expect(() => parseTaskList({ tasks: [] }, 'UTC', url)).toThrow(PortalRequestError);
  });

  it('treats nextStart at or before start, -1, or missing as the last page', () => {
    const page = (extra: Record<string, unknown>) => parseRunsPage({ result: [], ...extra }, 'UTC', url, 10);
    expect(page({ start: 10, nextStart: 20 }).nextStart).toBe(20);
    expect(page({ start: 10, nextStart: 10 }).nextStart).toBeNull();
    expect(page({ start: 10, nextStart: 0 }).nextStart).toBeNull();
    expect(page({ start: 10, nextStart: -1 }).nextStart).toBeNull();
    expect(page({}).nextStart).toBeNull();
  });

  it('turns the error answer that arrives with HTTP 200 into the portal code and words', () => {
    expect(() => answer('{"error":{"code":498,"message":"Invalid token.","details":[]}}')).toThrow(
      expect.objectContaining({ kind: 'api', portalCode: 498, message: expect.stringContaining('Invalid token.') }),
    );
    expect(() => answer('{"error":{"code":403,"message":"Denied.","details":[]}}')).toThrow(/not allowed for this account's role/);
    expect(() => answer('{"error":{"code":404,"message":"Task missing.","details":[]}}')).toThrow(/no such task/);
  });
});
