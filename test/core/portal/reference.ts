/**
 * The JSON samples printed on the official ArcGIS Enterprise admin API reference pages ("Task" and "Runs"),
 * kept verbatim as fixtures in reference-samples/ so the tests need nothing outside the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(import.meta.dirname, 'reference-samples');
const sample = (name: string): string => readFileSync(join(folder, name), 'utf8');

/** The one-task page's samples: CleanGPJobs, CreateBackup, BackupRetentionCleaner. */
export const taskSamples = (): string[] =>
  ['task-clean-gp-jobs.json', 'task-create-backup.json', 'task-backup-retention-cleaner.json'].map(sample);

/** The runs page's sample, verbatim: not valid JSON (a comma is missing between the first two runs). */
export const runsSample = (): string => sample('runs.txt');
