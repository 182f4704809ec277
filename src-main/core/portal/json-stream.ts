/**
 * Reads a JSON answer of the shape `{"result":[item, ...], "other": value, ...}` as it arrives, chunk by
 * chunk, without ever holding the whole answer: each item of `result` is handed on as soon as it is
 * complete, parsed on its own, and forgotten. Memory is bounded by the largest single item (and capped),
 * not by the answer, so a server that ignores paging and sends 50,000 runs at once stays readable.
 *
 * The scanner follows only the structure (strings, escapes, nesting); the text of each item and of each
 * other top-level member is checked by JSON.parse. Structural characters are ASCII and UTF-8 never uses
 * ASCII bytes inside a multi-byte character, so scanning bytes is safe across chunk boundaries.
 */
import { withoutItemMembers } from './drop-members';
import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, NULL_TEXT, OPEN_ARRAY, OPEN_OBJECT, QUOTE, isDelimiter, isSpace } from './json-bytes';
import { invalidJson, tooLarge, tooManyItems } from './errors';

export interface JsonStreamLimits {
  /** Largest item (or other member), in bytes, skipped members included. */
  maxItemBytes: number;
  /** Most items in `result`. */
  maxItems: number;
  /** Largest answer, in bytes after decompression. */
  maxBytes: number;
}

export const DEFAULT_STREAM_LIMITS: JsonStreamLimits = {
  maxItemBytes: 1_048_576,
  maxItems: 500_000,
  maxBytes: 1_073_741_824,
};

export interface JsonStreamOptions {
  /** Shown in every error: the request URL without query. */
  url: string;
  limits?: Partial<JsonStreamLimits>;
  /** Members of each item that are never read: their bytes are scanned and dropped (sent on as `null`). */
  dropMembers?: readonly string[];
  /** What the items are, in messages: singular and plural. Default `item`, `items`. */
  itemWords?: [string, string];
  /** Answers up to this size are parsed whole rather than scanned (see #readWhole). Default 64 KB. */
  wholeAnswerBytes?: number;
}

/** What the answer held besides the items, and what reading it cost. */
export interface JsonStreamSummary {
  /** Top-level members other than `result`, parsed. */
  members: Record<string, unknown>;
  /** Whether the answer had a `result` array at all. */
  hasResult: boolean;
  items: number;
  /** Bytes read, after decompression. */
  bytes: number;
  /** The most bytes held at once for one item or member: what bounds memory. */
  maxBufferedBytes: number;
  /** Items that followed the previous one without a comma (tolerated: see `afterItem`). */
  missingCommas: number;
}

const LESS_THAN = 0x3c;
/** Answers up to this size are parsed whole (see #readWhole). */
const WHOLE_ANSWER_BYTES = 64 * 1024;
/** Nesting deeper than this is no portal answer. */
const MAX_DEPTH = 256;

/** Where the scanner is, outside of a value it is capturing. */
type Place =
  | 'start'
  | 'first-key'
  | 'key'
  | 'key-text'
  | 'colon'
  | 'value'
  | 'after-member'
  | 'first-item'
  | 'next-item'
  | 'after-item'
  | 'value-text'
  | 'end';

/** Thrown by the scanner when the first byte shows a web page: the caller words it (status decides). */
export class HtmlAnswer extends Error {}

export class JsonResultStream {
  readonly #url: string;
  readonly #limits: JsonStreamLimits;
  readonly #drop: ReadonlySet<string>;
  /** The same, as a list: cut out of an answer parsed whole before it is parsed (drop-members.ts). */
  readonly #dropped: readonly string[];
  readonly #itemWords: [string, string];
  readonly #onItem: (item: unknown, index: number) => void;
  #place: Place = 'start';
  #bytes = 0;
  #members: Record<string, unknown> = {};
  #hasResult = false;
  #items = 0;
  #maxBuffered = 0;
  #missingCommas = 0;
  /** Whether the item before ended with an object's closing brace (see `after-item`). */
  #lastItemWasObject = false;
  /** The top-level key being read (its bytes), then the member its value belongs to. */
  #keyPieces: Buffer[] = [];
  #keyText = '';
  #keyEscape = false;

  // The value being captured (an item, or another top-level member).
  #isItem = false;
  #stack: number[] = [];
  #inString = false;
  #escape = false;
  #scalar = false;
  #pieces: Buffer[] = [];
  #kept = 0;
  /** Start of the kept text in the current chunk (unused while a dropped member is being skipped). */
  #pieceStart = 0;
  #valueBytes = 0;
  #valueChunkStart = 0;
  // Members of an item: which key was just read, and whether its value is being dropped.
  /** Whether keys of the item's members are followed (only when some are dropped). */
  #tracksKeys = false;
  #expectKey = false;
  #itemKey: string | null = null;
  #dropNext = false;
  #dropping = false;
  #droppingScalar = false;

  /** The answer so far, while it is small enough to be parsed whole at its end (see #readWhole); then null. */
  #held: Buffer[] | null = [];
  #heldBytes = 0;
  /** Up to this many bytes, an answer is held and parsed whole: no item or member can exceed the limits then. */
  readonly #wholeLimit: number;

  constructor(options: JsonStreamOptions, onItem: (item: unknown, index: number) => void) {
    this.#url = options.url;
    const given = Object.entries(options.limits ?? {}).filter(([, value]) => value !== undefined);
    this.#limits = { ...DEFAULT_STREAM_LIMITS, ...Object.fromEntries(given) };
    this.#drop = new Set(options.dropMembers ?? []);
    this.#dropped = [...this.#drop];
    this.#itemWords = options.itemWords ?? ['item', 'items'];
    this.#onItem = onItem;
    this.#wholeLimit = Math.min(options.wholeAnswerBytes ?? WHOLE_ANSWER_BYTES, this.#limits.maxItemBytes, this.#limits.maxBytes);
  }

  /** Reads one chunk; throws a PortalRequestError (or HtmlAnswer) as soon as the answer is known bad. */
  write(chunk: Buffer): void {
    if (this.#held) {
      this.#held.push(chunk);
      this.#heldBytes += chunk.length;
      if (this.#heldBytes <= this.#wholeLimit) return;
      const held = this.#held;
      this.#held = null;
      for (const piece of held) this.#scan(piece);
      return;
    }
    this.#scan(chunk);
  }

  #scan(chunk: Buffer): void {
    this.#bytes += chunk.length;
    if (this.#bytes > this.#limits.maxBytes) throw tooLarge(this.#url, this.#limits.maxBytes);
    if (this.#place === 'value-text') {
      this.#valueChunkStart = 0;
      if (!this.#dropping) this.#pieceStart = 0;
    }
    let index = 0;
    while (index < chunk.length) index = this.#step(chunk, index);
    if (this.#place === 'value-text') this.#carry(chunk);
  }

  /** The answer is complete: throws if it ended early. */
  end(): JsonStreamSummary {
    if (this.#held) {
      const whole = Buffer.concat(this.#held, this.#heldBytes);
      this.#held = null;
      const read = this.#readWhole(whole);
      if (read) return read;
      this.#scan(whole);
    }
    if (this.#place === 'start') throw invalidJson(this.#url, 'the answer was empty');
    if (this.#place !== 'end') {
      const read = `${this.#items} ${this.#itemWords[this.#items === 1 ? 0 : 1]}`;
      throw invalidJson(this.#url, `the answer ended early, after ${this.#bytes} bytes and ${read}`);
    }
    return {
      members: this.#members,
      hasResult: this.#hasResult,
      items: this.#items,
      bytes: this.#bytes,
      maxBufferedBytes: this.#maxBuffered,
      missingCommas: this.#missingCommas,
    };
  }

  /**
   * A small answer of the usual shape, parsed in one go: what scanning it byte by byte would give, at a
   * fraction of the cost (most answers are a page of a few runs). Anything else is left to the scanner
   * (null), which words what is wrong, and tolerates what it tolerates, as it always does.
   */
  #readWhole(whole: Buffer): JsonStreamSummary | null {
    let answer: unknown;
    try {
      answer = JSON.parse((withoutItemMembers(whole, this.#dropped) ?? whole).toString('utf8'));
    } catch {
      return null;
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return null;
    const { result, ...members } = answer as Record<string, unknown>;
    if (!Array.isArray(result) || result.length > this.#limits.maxItems) return null;
    result.forEach((item: unknown, index) => {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        for (const member of this.#drop) if (Object.hasOwn(item, member)) (item as Record<string, unknown>)[member] = null;
      }
      this.#onItem(item, index);
    });
    return { members, hasResult: true, items: result.length, bytes: whole.length, maxBufferedBytes: whole.length, missingCommas: 0 };
  }

  #unexpected(byte: number, offset: number): never {
    const shown = byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16)}`;
    throw invalidJson(this.#url, `unexpected ${shown} at byte ${this.#bytes - offset}`);
  }

  /** One step outside a captured value; returns where to go on. */
  #step(chunk: Buffer, index: number): number {
    const byte = chunk[index]!;
    const offset = chunk.length - index;
    switch (this.#place) {
      case 'value-text':
        return this.#capture(chunk, index);
      case 'key-text':
        return this.#readKey(chunk, index);
    }
    if (isSpace(byte)) return index + 1;
    switch (this.#place) {
      case 'start':
        if (byte === LESS_THAN) throw new HtmlAnswer();
        if (byte !== OPEN_OBJECT) this.#unexpected(byte, offset);
        this.#place = 'first-key';
        break;
      case 'first-key':
      case 'key':
        if (byte === CLOSE_OBJECT && this.#place === 'first-key') this.#place = 'end';
        else if (byte === QUOTE) {
          this.#keyPieces = [];
          this.#place = 'key-text';
        } else this.#unexpected(byte, offset);
        break;
      case 'colon':
        if (byte !== COLON) this.#unexpected(byte, offset);
        this.#place = 'value';
        break;
      case 'value':
        if (this.#keyText === 'result' && byte === OPEN_ARRAY) {
          this.#hasResult = true;
          this.#place = 'first-item';
        } else return this.#beginValue(chunk, index, false);
        break;
      case 'after-member':
        if (byte === COMMA) this.#place = 'key';
        else if (byte === CLOSE_OBJECT) this.#place = 'end';
        else this.#unexpected(byte, offset);
        break;
      case 'first-item':
        if (byte === CLOSE_ARRAY) this.#place = 'after-member';
        else return this.#beginValue(chunk, index, true);
        break;
      case 'next-item':
        return this.#beginValue(chunk, index, true);
      case 'after-item':
        if (byte === COMMA) this.#place = 'next-item';
        else if (byte === CLOSE_ARRAY) this.#place = 'after-member';
        // The documented runs sample lacks the comma between two runs. An object's closing brace ends an
        // item beyond doubt, so the next opening brace can only start the next item: read it, count it.
        else if (byte === OPEN_OBJECT && this.#lastItemWasObject) {
          this.#missingCommas += 1;
          return this.#beginValue(chunk, index, true);
        } else this.#unexpected(byte, offset);
        break;
      case 'end':
        this.#unexpected(byte, offset);
    }
    return index + 1;
  }

  /** The text of a top-level key, up to its closing quote (kept as bytes until then: keys are short). */
  #readKey(chunk: Buffer, index: number): number {
    for (let at = index; at < chunk.length; at++) {
      const byte = chunk[at]!;
      if (this.#keyEscape) this.#keyEscape = false;
      else if (byte === BACKSLASH) this.#keyEscape = true;
      else if (byte === QUOTE) {
        this.#keyPieces.push(chunk.subarray(index, at));
        this.#keyText = this.#parsed(`"${Buffer.concat(this.#keyPieces).toString('utf8')}"`, 'a top-level key');
        this.#place = 'colon';
        return at + 1;
      }
    }
    this.#keyPieces.push(chunk.subarray(index));
    if (this.#keyPieces.reduce((sum, piece) => sum + piece.length, 0) > 1024) {
      throw invalidJson(this.#url, 'a top-level key is longer than 1 KB');
    }
    return chunk.length;
  }

  #beginValue(chunk: Buffer, index: number, isItem: boolean): number {
    const byte = chunk[index]!;
    if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT || byte === COMMA || byte === COLON) this.#unexpected(byte, chunk.length - index);
    if (isItem && this.#items >= this.#limits.maxItems) throw tooManyItems(this.#url, this.#limits.maxItems, this.#itemWords[1]);
    this.#isItem = isItem;
    this.#place = 'value-text';
    this.#stack.length = 0;
    this.#inString = false;
    this.#escape = false;
    this.#scalar = false;
    this.#pieces = [];
    this.#kept = 0;
    this.#pieceStart = index;
    this.#valueBytes = 0;
    this.#valueChunkStart = index;
    this.#tracksKeys = isItem && this.#drop.size > 0 && chunk[index] === OPEN_OBJECT;
    this.#expectKey = false;
    this.#itemKey = null;
    this.#dropNext = false;
    this.#dropping = false;
    this.#droppingScalar = false;
    return this.#capture(chunk, index);
  }

  /** Scans a captured value until it ends (then hands it on) or the chunk does. */
  #capture(chunk: Buffer, from: number): number {
    const stack = this.#stack;
    const length = chunk.length;
    // Next quote and backslash in this chunk (-1: none left), found once and reused until passed.
    let quote = -2;
    let backslash = -2;
    for (let index = from; index < length; index++) {
      const byte = chunk[index]!;
      if (this.#inString) {
        if (this.#escape) {
          this.#escape = false;
          continue;
        }
        // Fast path: jump to the next quote when no backslash comes before it.
        if (quote !== -1 && quote < index) quote = chunk.indexOf(QUOTE, index);
        if (backslash !== -1 && backslash < index) backslash = chunk.indexOf(BACKSLASH, index);
        if (quote < 0 && backslash < 0) {
          this.#collectKey(chunk, index, length);
          return length;
        }
        if (backslash >= 0 && (quote < 0 || backslash < quote)) {
          this.#collectKey(chunk, index, backslash);
          this.#escape = true;
          index = backslash;
          continue;
        }
        this.#collectKey(chunk, index, quote);
        index = quote;
        this.#inString = false;
        if (stack.length === 0) return this.#finishValue(chunk, index + 1);
        if (this.#expectKey && stack.length === 1) this.#expectKey = false;
        if (this.#dropping && !this.#droppingScalar && stack.length === 1) this.#resumeKeeping(index + 1);
        continue;
      }
      if (this.#scalar) {
        if (isDelimiter(byte)) return this.#finishValue(chunk, index);
        continue;
      }
      if (this.#droppingScalar && stack.length === 1 && isDelimiter(byte)) {
        this.#droppingScalar = false;
        this.#resumeKeeping(index);
      }
      if (this.#dropNext && !isSpace(byte) && stack.length === 1) this.#startDropping(chunk, index, byte);
      switch (byte) {
        case QUOTE:
          this.#inString = true;
          if (this.#expectKey && stack.length === 1) this.#itemKey = '';
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (stack.length >= MAX_DEPTH) throw invalidJson(this.#url, `nesting deeper than ${MAX_DEPTH} levels`);
          stack.push(byte);
          if (stack.length === 1 && this.#tracksKeys) this.#expectKey = true;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (stack.pop() !== (byte === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) this.#unexpected(byte, length - index);
          if (stack.length === 0) return this.#finishValue(chunk, index + 1);
          if (this.#dropping && !this.#droppingScalar && stack.length === 1) this.#resumeKeeping(index + 1);
          break;
        case COMMA:
          if (stack.length === 1 && this.#tracksKeys) this.#expectKey = true;
          break;
        case COLON:
          if (stack.length === 1 && this.#itemKey !== null) {
            this.#dropNext = this.#drop.has(this.#itemKey);
            this.#itemKey = null;
          }
          break;
        default:
          if (stack.length === 0) {
            if (isSpace(byte)) continue;
            this.#scalar = true;
          }
      }
    }
    return length;
  }

  /** While a key of an item is being read, keeps its text (keys are short). */
  #collectKey(chunk: Buffer, from: number, to: number): void {
    if (this.#expectKey && this.#itemKey !== null && this.#stack.length === 1 && this.#itemKey.length < 256) {
      this.#itemKey += chunk.toString('latin1', from, to);
    }
  }

  /** A member to drop begins at `index`: keep the text before it, and `null` in its place. */
  #startDropping(chunk: Buffer, index: number, byte: number): void {
    this.#dropNext = false;
    this.#keep(chunk.subarray(this.#pieceStart, index));
    this.#keep(NULL_TEXT);
    this.#pieceStart = -1;
    this.#dropping = true;
    this.#droppingScalar = byte !== QUOTE && byte !== OPEN_OBJECT && byte !== OPEN_ARRAY;
  }

  #resumeKeeping(index: number): void {
    this.#dropping = false;
    this.#pieceStart = index;
  }

  #keep(piece: Buffer): void {
    if (piece.length === 0) return;
    this.#pieces.push(piece);
    this.#kept += piece.length;
  }

  /** The chunk ended inside a value: keep its part of the text, and check the value's size. */
  #carry(chunk: Buffer): void {
    if (!this.#dropping) this.#keep(chunk.subarray(this.#pieceStart));
    this.#valueBytes += chunk.length - this.#valueChunkStart;
    this.#checkSize();
  }

  #checkSize(): void {
    if (this.#valueBytes <= this.#limits.maxItemBytes) return;
    const [item] = this.#itemWords;
    const part = this.#isItem ? `${/^[aeiou]/.test(item) ? 'an' : 'a'} ${item} (result[${this.#items}])` : `"${this.#keyText}"`;
    throw tooLarge(this.#url, this.#limits.maxItemBytes, part);
  }

  /** The value ends before `end`: parse its text and hand it on. */
  #finishValue(chunk: Buffer, end: number): number {
    if (!this.#dropping) this.#keep(chunk.subarray(this.#pieceStart, end));
    this.#valueBytes += end - this.#valueChunkStart;
    this.#checkSize();
    this.#maxBuffered = Math.max(this.#maxBuffered, this.#kept);
    const text = (this.#pieces.length === 1 ? this.#pieces[0]! : Buffer.concat(this.#pieces, this.#kept)).toString('utf8');
    this.#pieces = [];
    const value = this.#parsed(text, this.#isItem ? `result[${this.#items}]` : `"${this.#keyText}"`);
    if (this.#isItem) {
      this.#onItem(value, this.#items);
      this.#items += 1;
      this.#lastItemWasObject = text.charCodeAt(0) === OPEN_OBJECT;
      this.#place = 'after-item';
    } else {
      this.#members[this.#keyText] = value;
      this.#place = 'after-member';
    }
    return end;
  }

  #parsed<T>(text: string, what: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw invalidJson(this.#url, `${what} does not parse: ${(error as Error).message}`);
    }
  }
}
