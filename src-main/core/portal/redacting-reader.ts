import { StringDecoder } from 'node:string_decoder';
import { maskForms, secretForms } from '../redact';
import type { BodyReader } from './http';

/**
 * A streamed answer with the request's secrets masked (core/redact.ts) before `reader` sees a byte of it.
 * A secret may be cut between two chunks, so the end of each chunk, as long as a secret could still be
 * going on, is held back until the next chunk (or the end) shows how it goes on.
 */
export function redactingReader<T>(reader: BodyReader<T>, secrets: ReadonlyArray<string | null | undefined>): BodyReader<T> {
  const forms = secretForms(secrets);
  const holdBack = Math.max(0, ...forms.map((form) => form.length - 1));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const pass = (text: string) => {
    if (text !== '') reader.write(Buffer.from(text, 'utf8'));
  };
  return {
    start: (head) => reader.start({ ...head, statusText: maskForms(head.statusText, forms) }),
    write(chunk) {
      const text = maskForms(pending + decoder.write(chunk), forms);
      let cut = Math.max(0, text.length - holdBack);
      if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1; // never split a character in two
      pass(text.slice(0, cut));
      pending = text.slice(cut);
    },
    end() {
      pass(maskForms(pending + decoder.end(), forms));
      pending = '';
      return reader.end();
    },
  };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
