import type { z } from 'zod';

/** Where in a value a zod issue is, `whole` for the value itself. */
export function issuePath(path: readonly PropertyKey[], whole = 'input'): string {
  return path.length === 0 ? whole : path.map(String).join('.');
}

/**
 * zod's issues as one line, each with where it is ("url: Use https:// …; username: Enter the administrator user
 * name"): what an error answer, a log line or the CLI says.
 */
export function describeIssues(error: z.ZodError, whole = 'input'): string {
  return error.issues.map((issue) => `${issuePath(issue.path, whole)}: ${issue.message}`).join('; ');
}
