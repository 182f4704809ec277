import { describe, expect, it } from 'vitest';
import { withoutItemMembers } from '../../../src-main/core/portal/drop-members';

const cut = (text: string) => withoutItemMembers(Buffer.from(text), ['task'])?.toString('utf8') ?? null;

describe('cutting the task copy out of each run before parsing', () => {
  it('nulls the member of each result item, whatever its value holds, and keeps everything else as it came', () => {
    const answer = {
      result: [
        { result: 'ok "task": {x} [', task: { taskTitle: 'a } ] " \\', parameters: { task: 'inner' }, list: [1, { a: '}' }] }, status: 'succeeded' },
        { task: 'a string', runId: 'r2' },
        { task: 17, runId: 'r3' },
        { runId: 'r4', task: null },
      ],
      task: { kept: true },
      nextStart: 0,
    };
    const spaced = JSON.stringify(answer, null, 2);
    for (const text of [JSON.stringify(answer), spaced]) {
      expect(JSON.parse(cut(text)!)).toEqual({
        result: [
          { result: 'ok "task": {x} [', task: null, status: 'succeeded' },
          { task: null, runId: 'r2' },
          { task: null, runId: 'r3' },
          { runId: 'r4', task: null },
        ],
        task: { kept: true },
        nextStart: 0,
      });
    }
  });

  it('cuts the same task copy from every run, a different copy between them, and numbers that share their first digits', () => {
    const copy = { taskTitle: 'backup', parameters: { retain: 3, note: '} {' } };
    const result = [
      { runId: 'r1', task: copy },
      { runId: 'r2', task: copy },
      { runId: 'r3', task: { ...copy, taskTitle: 'backup (renamed)' } },
      { runId: 'r4', task: copy },
      { runId: 'r5', task: 5 },
      { runId: 'r6', task: 55, status: 'failed' },
    ];
    expect(JSON.parse(cut(JSON.stringify({ result }))!)).toEqual({ result: result.map((item) => ({ ...item, task: null })) });
  });

  it('leaves the members of items outside result, and nested ones, alone', () => {
    const text = JSON.stringify({ other: [{ task: 1 }], result: [{ run: { task: 2 } }] });
    expect(cut(text)).toBe(text);
  });

  it('gives up on what it cannot follow, so the answer is parsed (and its fault worded) as it came', () => {
    expect(cut('{"result":[{"task":{"a":"b"')).toBeNull();
    expect(cut('{"result":[{"task":"unterminated}]}')).toBeNull();
    expect(cut('{"result":[]}}')).toBeNull();
  });
});
