/** The JSON samples of the official reference pages in shared/reference, as the pages print them. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const folder = resolve(import.meta.dirname, '../../../../shared/reference');

function page(prefix: string): string {
  const name = readdirSync(folder).find((file) => file.startsWith(prefix) && file.endsWith('.txt'));
  if (!name) throw new Error(`no reference page ${prefix}* in ${folder}`);
  return readFileSync(join(folder, name), 'utf8');
}

/** Every JSON block (a `{` line to the matching `}` line at column 0) on a page, as text. */
function jsonBlocks(text: string): string[] {
  return [...text.matchAll(/^\{\n[\s\S]*?\n\}$/gm)].map((match) => match[0]);
}

/** The one-task page's samples: CleanGPJobs, CreateBackup, BackupRetentionCleaner. */
export const taskSamples = (): string[] => jsonBlocks(page('001_'));

/** The runs page's sample, verbatim: not valid JSON (a comma is missing between the first two runs). */
export const runsSample = (): string => jsonBlocks(page('000_'))[0]!;
