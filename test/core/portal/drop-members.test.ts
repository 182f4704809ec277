import { describe, expect, it } from 'vitest';
import { withoutItemMembers } from '../../../src-main/core/portal/drop-members';

const cut = (text: string) => withoutItemMembers(Buffer.from(text), ['task'])?.toString('utf8') ?? null;

describe('cutting the task copy out of each run before parsing', () => {
  it('nulls the member of result items, whatever its value holds, and keeps everything else as it came', () => {
    const copy = { taskTitle: 'a } ] " \\', parameters: { task: 'inner' }, list: [1, { a: '}' }] };
    const answer = {
      result: [
        { runId: 'r0', task: 'a string' },
        { result: 'ok "task": {x} [', task: copy, status: 'succeeded' },
        { task: copy, runId: 'r2' },
        { runId: 'r3', task: null },
      ],
      task: { kept: true },
      nextStart: 0,
    };
    const spaced = JSON.stringify(answer, null, 2);
    for (const text of [JSON.stringify(answer), spaced]) {
      expect(JSON.parse(cut(text)!)).toEqual({
        result: [
          { runId: 'r0', task: null },
          { result: 'ok "task": {x} [', task: null, status: 'succeeded' },
          { task: null, runId: 'r2' },
          { runId: 'r3', task: null },
        ],
        task: { kept: true },
        nextStart: 0,
      });
    }
  });

  it('cuts every exact repeat of the first copy, and leaves a copy that differs for the parse to null', () => {
    const copy = { taskTitle: 'backup', parameters: { retain: 3, note: '} {' } };
    const renamed = { ...copy, taskTitle: 'backup (renamed)' };
    const result = [
      { runId: 'r1', task: copy },
      { runId: 'r2', task: copy },
      { runId: 'r3', task: renamed },
      { runId: 'r4', task: copy, status: 'failed' },
    ];
    expect(JSON.parse(cut(JSON.stringify({ result }))!)).toEqual({ result: result.map((item) => ({ ...item, task: item.task === copy ? null : renamed })) });
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
