/**
 * One copy of each short text that recurs across a portal's answers (task types, states, owners, cron
 * expressions, run statuses and results). Every parse makes a new string of each, and a fleet keeps
 * hundreds of thousands of tasks and runs: tens of MB of the same few texts. Bounded, so a portal that
 * sends ever-new texts costs at most MAX_TEXTS of them.
 */
const MAX_TEXTS = 10_000;
const MAX_LENGTH = 256;
const texts = new Map<string, string>();
const records = new Map<string, Record<string, string>>();

export function interned(text: string): string {
  return text.length > MAX_LENGTH ? text : kept(texts, text, text);
}

/**
 * One copy of each small record of short texts, for the same reason: a task's cronSchedule, which most
 * tasks of a fleet share with others. Callers never change what they get.
 */
export function internedRecord(record: Record<string, string>): Record<string, string> {
  const key = JSON.stringify(record);
  return key.length > MAX_LENGTH ? record : kept(records, key, record);
}

/** The copy `copies` holds under `key`, else `value`, held from now on (at most MAX_TEXTS per map). */
function kept<T>(copies: Map<string, T>, key: string, value: T): T {
  const known = copies.get(key);
  if (known !== undefined) return known;
  if (copies.size >= MAX_TEXTS) copies.clear();
  copies.set(key, value);
  return value;
}
