import { describe, expect, it } from 'vitest';
import { PortalRequestError } from '../../../src-main/core/portal';
import { HtmlAnswer, JsonResultStream, type JsonStreamLimits } from '../../../src-main/core/portal/json-stream';

const url = 'https://gis.example.com/portal/admin/system/tasks/gp1/runs';

/**
 * Feeds `chunks` to a stream that drops `task`; the items and the summary, or the error. Scanned byte by
 * byte unless `wholeAnswerBytes` lets a small answer be parsed whole.
 */
function read(chunks: Buffer[], limits: Partial<JsonStreamLimits> = {}, wholeAnswerBytes = 0) {
  const items: unknown[] = [];
  const stream = new JsonResultStream({ url, limits, dropMembers: ['task'], wholeAnswerBytes }, (item, index) => {
    expect(index).toBe(items.length);
    items.push(item);
  });
  for (const chunk of chunks) stream.write(chunk);
  return { items, summary: stream.end() };
}

function failure(text: string, limits: Partial<JsonStreamLimits> = {}): Error {
  try {
    read([Buffer.from(text)], limits);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the answer to be refused');
}

// Escapes, quotes and brackets inside strings, multi-byte UTF-8 (2, 3 and 4 bytes), a `task` to drop in
// every shape, a nested "task" key that must stay, numbers at the end of members.
const tricky = {
  result: [
    {
      runId: 'r"1\\',
      result: 'Backup of "Café" failed: disk /var/\u65e5\u672c full } ] { [ \\" \u00e9 \ud83d\ude80\nline 2\ttab',
      task: { id: 'gp1', lastStart: 1, parameters: { passcode: '{crypt}a"}]', list: [1, [2, { task: 3 }]] } },
      created: 1634961631000,
      details: { task: 'kept: only the run\'s own task member is dropped' },
    },
    { task: 'a string task', runId: 'r2', status: 'failed', extra: [{}, [], ''] },
    { runId: 'r3', task: 42, status: 'succeeded' },
    { runId: 'r4', task: null },
    { runId: 'r5', task: [{ x: ']' }], modified: -1.5e3 },
    'not a run',
    7,
  ],
  total: 7,
  num: 7,
  start: 0,
  nextStart: 0,
  note: 'caf\u00e9 \ud83d\ude80',
  'cl\u00e9 "x"': 1,
};
const trickyText = Buffer.from(JSON.stringify(tricky, null, 1));

function withoutTasks(items: unknown[]): unknown[] {
  return items.map((item) => (item && typeof item === 'object' && 'task' in item ? { ...item, task: null } : item));
}

describe('reading a runs answer as it streams in', () => {
  it('reads every item, drops the embedded task, keeps the other members', () => {
    const { items, summary } = read([trickyText]);
    expect(items).toEqual(withoutTasks(tricky.result));
    expect(summary).toMatchObject({ members: { total: 7, num: 7, start: 0, nextStart: 0, note: tricky.note }, hasResult: true, items: 7 });
    expect(summary.bytes).toBe(trickyText.length);
  });

  it('reads a small answer whole with the same result as scanning it, and leaves a malformed one to the scanner', () => {
    // What differs is what was held at once: the whole (small) answer.
    const sameRead = ({ items, summary: { maxBufferedBytes: _held, ...summary } }: ReturnType<typeof read>) => ({ items, summary });
    const whole = read([trickyText.subarray(0, 100), trickyText.subarray(100)], {}, 64 * 1024);
    expect(sameRead(whole)).toEqual(sameRead(read([trickyText])));
    expect(whole.summary.maxBufferedBytes).toBe(trickyText.length);
    const missingComma = Buffer.from('{"result":[{"runId":"a"} {"runId":"b"}],"total":2}');
    expect(read([missingComma], {}, 64 * 1024)).toEqual(read([missingComma]));
    expect(read([missingComma], {}, 64 * 1024).summary.missingCommas).toBe(1);
  });

  it('reads the same at every chunk boundary: inside strings, escapes and multi-byte characters', () => {
    const expected = withoutTasks(tricky.result);
    for (let cut = 1; cut < trickyText.length; cut++) {
      const { items, summary } = read([trickyText.subarray(0, cut), trickyText.subarray(cut)]);
      expect(items, `cut at byte ${cut}`).toEqual(expected);
      expect(summary.members.note).toBe(tricky.note);
      expect(summary.members['cl\u00e9 "x"']).toBe(1);
    }
    const bytes = [...trickyText].map((byte) => Buffer.from([byte]));
    expect(read(bytes).items).toEqual(expected);
  });

  it('holds one item at a time, never the answer', () => {
    const run = (n: number) => ({ runId: `run${n}`, status: 'succeeded', task: { parameters: { text: 'x'.repeat(1500) } } });
    const text = Buffer.from(JSON.stringify({ result: Array.from({ length: 2000 }, (_, n) => run(n)) }));
    const chunks = Array.from({ length: Math.ceil(text.length / 16_384) }, (_, n) => text.subarray(n * 16_384, (n + 1) * 16_384));
    const { items, summary } = read(chunks);
    expect(items).toHaveLength(2000);
    expect(summary.bytes).toBeGreaterThan(3_000_000);
    expect(summary.maxBufferedBytes).toBeLessThan(100);
  });

  it('reads the reference sample\'s missing comma between two runs, and says so', () => {
    const { items, summary } = read([Buffer.from('{"result": [\n  {"runId": "a", "task": {"x": 1}}\n  {"runId": "b"},\n  {"runId": "c"}\n], "nextStart": 0}')]);
    expect(items).toEqual([{ runId: 'a', task: null }, { runId: 'b' }, { runId: 'c' }]);
    expect(summary.missingCommas).toBe(1);
  });

  it('refuses malformed, truncated and empty answers with the URL and where it broke', () => {
    const cases: [string, RegExp][] = [
      ['{"result": [{"runId": "a"}}', /unexpected '}' at byte 26/],
      ['{"result": [{"runId": "a"}, ]}', /unexpected ']' at byte 28/],
      ['{"result": [{"runId": "a",}]}', /result\[0\] does not parse/],
      ['{"result": [{"runId": "a"}]} x', /unexpected 'x' at byte 29/],
      ['{"result": [1 2]}', /unexpected '2'/],
      ['{"total": tru}', /"total" does not parse/],
      ['{"result": [],}', /unexpected '}' at byte 14/],
      ['{"result": [], "a\\x": 1}', /a top-level key does not parse/],
      ['[{"runId": "a"}]', /unexpected '\['/],
      ['{"result": [{"runId": "a"}, {"runId": "b"', /ended early, after 41 bytes and 1 item\)/],
      ['{"result": [{"runId": "a\\"}]}', /ended early/],
      ['  ', /the answer was empty/],
    ];
    for (const [text, message] of cases) {
      const error = failure(text);
      expect(error, text).toBeInstanceOf(PortalRequestError);
      expect(error).toMatchObject({ kind: 'bad-response', url });
      expect(error.message, text).toMatch(new RegExp(`^${url} answered with invalid JSON \\(`));
      expect(error.message, text).toMatch(message);
    }
  });

  it('recognises a web page by its first byte', () => {
    expect(failure('\n  <!DOCTYPE html><html>')).toBeInstanceOf(HtmlAnswer);
  });

  it('refuses an item over its cap, too many items, and an answer over the total cap', () => {
    const big = `{"result": [{"runId": "a", "task": "${'x'.repeat(5000)}"}]}`;
    expect(failure(big, { maxItemBytes: 4096 }).message).toBe(`${url} answered an item (result[0]) larger than 4 KB; the answer was not read.`);
    expect(failure('{"result": [1, 2, 3, 4]}', { maxItems: 3 }).message).toBe(`${url} answered more than 3 items; the answer was not read.`);
    expect(failure(big, { maxBytes: 2048 }).message).toBe(`${url} answered more than 2 KB; the answer was not read.`);
  });
});
