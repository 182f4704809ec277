import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

export type LoadResult<T> =
  | { status: 'missing'; value: T }
  | { status: 'loaded'; value: T }
  /** The file was unreadable or invalid: it now sits at `keptAt`, untouched, and `value` is the default. */
  | { status: 'kept-aside'; value: T; keptAt: string; problem: string };

/**
 * Reads a JSON file through its zod schema. A file that fails is never overwritten: it is renamed
 * aside (`<name>.invalid-<time>`) with a message that says what was wrong, so nothing stored is lost.
 */
export async function loadJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  fallback: () => z.infer<S>,
  now: number,
): Promise<LoadResult<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing', value: fallback() };
    throw error;
  }
  const problem = validate(text, schema);
  if (problem.ok) return { status: 'loaded', value: problem.value };
  const keptAt = `${path}.invalid-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, keptAt);
  return { status: 'kept-aside', value: fallback(), keptAt, problem: problem.message };
}

function validate<S extends z.ZodType>(text: string, schema: S): { ok: true; value: z.infer<S> } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `it is not valid JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `${issue.path.join('.') || 'the top level'}: ${issue.message}` };
}

/** `readable` indents for files an admin may edit by hand (config); state is large and machine-only. */
export async function saveJsonFile(path: string, value: unknown, { readable }: { readable: boolean }): Promise<void> {
  await writeFileAtomic(path, `${readable ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`);
}
