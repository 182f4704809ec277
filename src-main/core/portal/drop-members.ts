/**
 * A small answer of the usual shape, `{"result":[{...}, ...], ...}`, with a member of its result items
 * cut out before it is parsed (its values become null). Every run carries a copy of the whole task,
 * which is never read (runs-stream.ts): parsing 10,000 of them took half of a history page's parse and
 * most of its garbage. One pass over the bytes, minding strings and nesting, to the first item that has
 * the member as an object; from there its exact repeats are searched for (see withoutRepeats). What is
 * left (a copy that differs) is nulled by the caller once parsed. Anything it cannot follow (cut short,
 * unbalanced) gives null, and the answer is then parsed as it came.
 */
import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COLON, NULL_TEXT, OPEN_ARRAY, OPEN_OBJECT, QUOTE, isDelimiter, isSpace } from './json-bytes';
import { replaceBytes } from './replace-bytes';

const RESULT_KEY = Buffer.from('"result"');

/** Depth of an item's members: the answer's object (1), its `result` array (2), the item (3). */
const ITEM_DEPTH = 3;

export function withoutItemMembers(answer: Buffer, members: readonly string[]): Buffer | null {
  if (members.length === 0) return answer;
  const keys = members.map((member) => Buffer.from(JSON.stringify(member)));
  const pieces: Buffer[] = [];
  let kept = 0;
  let depth = 0;
  let topKeyIsResult = false;
  let inResult = false;
  let at = 0;
  while (at < answer.length) {
    const byte = answer[at]!;
    if (byte === QUOTE) {
      const end = stringEnd(answer, at);
      if (end < 0) return null;
      const isKey = answer[afterSpace(answer, end)] === COLON;
      if (isKey && depth === 1) topKeyIsResult = sameBytes(answer, at, end, RESULT_KEY);
      if (isKey && depth === ITEM_DEPTH && inResult && keys.some((key) => sameBytes(answer, at, end, key))) {
        const valueStart = afterSpace(answer, afterSpace(answer, end) + 1);
        const valueEnd = endOfValue(answer, valueStart);
        if (valueEnd < 0) return null;
        if (keys.length === 1 && answer[valueStart] === OPEN_OBJECT) return withoutRepeats(answer, pieces, kept, { at, valueStart, valueEnd });
        pieces.push(answer.subarray(kept, valueStart), NULL_TEXT);
        kept = valueEnd;
        at = valueEnd;
        continue;
      }
      at = end;
      continue;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth === 2) inResult = byte === OPEN_ARRAY && topKeyIsResult;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
      if (depth < 0) return null;
    }
    at++;
  }
  if (depth !== 0) return null;
  if (pieces.length === 0) return answer;
  pieces.push(answer.subarray(kept));
  return Buffer.concat(pieces);
}

/**
 * Every run of a page embeds the same task copy, so once the first is found the rest are found by a
 * native search for its bytes (key, separator and value), not by following the ~1 KB of each: that walk
 * was most of a 10,000-run history's cutting. In valid JSON those bytes can only be that member again (a
 * string cannot hold their unescaped quotes); a copy that differs is left for the parse to null.
 */
function withoutRepeats(answer: Buffer, pieces: Buffer[], kept: number, first: { at: number; valueStart: number; valueEnd: number }): Buffer {
  const member = answer.subarray(first.at, first.valueEnd);
  const cut = Buffer.concat([answer.subarray(first.at, first.valueStart), NULL_TEXT]);
  return Buffer.concat([...pieces, answer.subarray(kept, first.at), replaceBytes(answer.subarray(first.at), member, cut)]);
}

/** Where the string opening at `start` ends (just past its closing quote), or -1 if it does not. */
function stringEnd(bytes: Buffer, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Where the value starting at `start` ends, or -1 if it runs past the answer. */
function endOfValue(bytes: Buffer, start: number): number {
  const first = bytes[start];
  if (first === QUOTE) return stringEnd(bytes, start);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let at = start;
    while (at < bytes.length && !isDelimiter(bytes[at]!)) at++;
    return at < bytes.length ? at : -1;
  }
  let depth = 0;
  let at = start;
  while (at < bytes.length) {
    const byte = bytes[at]!;
    if (byte === QUOTE) {
      at = stringEnd(bytes, at);
      if (at < 0) return -1;
      continue;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
    else if ((byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) && --depth === 0) return at + 1;
    at++;
  }
  return -1;
}

function afterSpace(bytes: Buffer, at: number): number {
  while (at < bytes.length && isSpace(bytes[at]!)) at++;
  return at;
}

function sameBytes(bytes: Buffer, start: number, end: number, key: Buffer): boolean {
  return end - start === key.length && bytes.compare(key, 0, key.length, start, end) === 0;
}
