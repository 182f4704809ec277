import { REDACTED, maskForms, secretForms } from '../redact';
import type { BodyReader } from './http';
import { replaceBytes } from './replace-bytes';

const NOTHING: Buffer = Buffer.alloc(0);
const MASK = Buffer.from(REDACTED, 'utf8');

/**
 * A streamed answer with the request's secrets masked (core/redact.ts) before `reader` sees a byte of it.
 * It works on bytes: a secret's UTF-8 bytes occur in an answer's bytes exactly where the secret occurs in
 * its text, so an answer that repeats no secret (nearly all) passes through as it came, never decoded and
 * encoded again (a 10,000-run history spent ~70 ms on that). A secret may be cut between two chunks, so
 * the end of each chunk, as long as a secret could still be going on, is held back until the next chunk
 * (or the end) shows how it goes on.
 */
export function redactingReader<T>(reader: BodyReader<T>, secrets: ReadonlyArray<string | null | undefined>): BodyReader<T> {
  const textForms = secretForms(secrets);
  const forms = textForms.map((form) => Buffer.from(form, 'utf8'));
  const holdBack = Math.max(0, ...forms.map((form) => form.length - 1));
  let pending: Buffer = NOTHING;
  const pass = (bytes: Buffer) => {
    if (bytes.length > 0) reader.write(bytes);
  };
  return {
    start: (head) => reader.start({ ...head, statusText: maskForms(head.statusText, textForms) }),
    write(chunk) {
      let bytes: Buffer;
      // What is held back goes on unchanged unless a secret runs from it into this chunk.
      if (pending.length === 0) bytes = chunk;
      else if (!crosses(Buffer.concat([pending, chunk.subarray(0, holdBack)]), forms)) {
        pass(pending);
        bytes = chunk;
      } else bytes = Buffer.concat([pending, chunk]);
      bytes = maskBytes(bytes, forms);
      const cut = Math.max(0, bytes.length - holdBack);
      pass(bytes.subarray(0, cut));
      pending = bytes.subarray(cut);
    },
    end(wire) {
      pass(maskBytes(pending, forms));
      pending = NOTHING;
      return reader.end(wire);
    },
  };
}

const crosses = (seam: Buffer, forms: readonly Buffer[]) => forms.some((form) => seam.includes(form));

/** `bytes` with each form replaced by the mask, in turn (as maskForms does with text); the same buffer when none occurs. */
function maskBytes(bytes: Buffer, forms: readonly Buffer[]): Buffer {
  return forms.reduce((out, form) => replaceBytes(out, form, MASK), bytes);
}
