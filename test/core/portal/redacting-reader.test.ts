import { describe, expect, it } from 'vitest';
import type { BodyReader } from '../../../src-main/core/portal/http';
import { redactingReader } from '../../../src-main/core/portal/redacting-reader';

const TOKEN = 'tok-3xAmPlE_9z';

/** Streams `text` in two chunks cut at `at` (bytes) through the redacting reader; returns what the reader got. */
function streamed(text: string, at: number): { body: string; statusText: string } {
  let body = Buffer.alloc(0);
  let statusText = '';
  const collect: BodyReader<string> = {
    start: (head) => void (statusText = head.statusText),
    write: (chunk) => void (body = Buffer.concat([body, chunk])),
    end: () => body.toString('utf8'),
  };
  const reader = redactingReader(collect, [TOKEN]);
  const bytes = Buffer.from(text, 'utf8');
  reader.start({ status: 500, statusText: `bad ${TOKEN}`, contentType: 'application/json' });
  reader.write(bytes.subarray(0, at));
  reader.write(bytes.subarray(at));
  return { body: reader.end({ digest: '', unchanged: false }), statusText };
}

describe('redacting a streamed answer', () => {
  it('masks the token wherever the chunks are cut, even inside it or inside a character', () => {
    const text = `{"result":[{"result":"Backup failed for ${TOKEN} — «${encodeURIComponent(TOKEN)}»"}]}`;
    const expected = `{"result":[{"result":"Backup failed for [redacted] — «[redacted]»"}]}`;
    for (let at = 0; at <= Buffer.byteLength(text); at++) expect(streamed(text, at).body, `cut at ${at}`).toBe(expected);
    expect(streamed(text, 10).statusText).toBe('bad [redacted]');
  });
});
