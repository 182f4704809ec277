/**
 * One copy of each short text that recurs across a portal's answers (task types, states, owners, cron
 * expressions, run statuses and results). Every parse makes a new string of each, and a fleet keeps
 * hundreds of thousands of tasks and runs: tens of MB of the same few texts. Bounded, so a portal that
 * sends ever-new texts costs at most MAX_TEXTS of them.
 */
const MAX_TEXTS = 10_000;
const MAX_LENGTH = 256;
const texts = new Map<string, string>();

export function interned(text: string): string {
  if (text.length > MAX_LENGTH) return text;
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.set(text, text);
  return text;
}

const records = new Map<string, Record<string, string>>();

/**
 * One copy of each small record of short texts, for the same reason: a task's cronSchedule, which most
 * tasks of a fleet share with others. Callers never change what they get.
 */
export function internedRecord(record: Record<string, string>): Record<string, string> {
  const key = JSON.stringify(record);
  if (key.length > MAX_LENGTH) return record;
  const known = records.get(key);
  if (known !== undefined) return known;
  if (records.size >= MAX_TEXTS) records.clear();
  records.set(key, record);
  return record;
}
