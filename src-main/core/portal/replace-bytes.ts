/** `bytes` with every occurrence of `needle` replaced by `replacement`; the same buffer when there is none. */
export function replaceBytes(bytes: Buffer, needle: Buffer, replacement: Buffer): Buffer {
  let found = bytes.indexOf(needle);
  if (found < 0) return bytes;
  const pieces: Buffer[] = [];
  let from = 0;
  for (; found >= 0; found = bytes.indexOf(needle, from)) {
    pieces.push(bytes.subarray(from, found), replacement);
    from = found + needle.length;
  }
  pieces.push(bytes.subarray(from));
  return Buffer.concat(pieces);
}
