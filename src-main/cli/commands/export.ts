import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { normalizePortalUrl } from '../../core/portal';
import { writeFailure } from '../file-error';
import { withService, type Cli } from '../runtime';
import { UsageError } from '../usage-error';

/**
 * `export tasks` / `export runs <portal> <task-id>`: the same CSV or JSON the window's export saves,
 * to a file (--output) or standard output.
 */
export async function exportData(cli: Cli, args: string[], format: string | undefined, output: string | undefined): Promise<number> {
  const [what, portalUrl, taskId] = args;
  if (format !== undefined && format !== 'csv' && format !== 'json') throw new UsageError(`--format is csv or json (got "${format}").`);
  if (what !== 'tasks' && what !== 'runs') throw new UsageError('Export what? taskwatch export tasks | taskwatch export runs <portal-url> <task-id>');
  if (what === 'runs' && (!portalUrl || !taskId)) throw new UsageError('export runs needs the portal URL and the task id: taskwatch export runs <portal-url> <task-id>');

  // Refuse an unwritable --output before the poll, not after it.
  if (output) await access(dirname(output), constants.W_OK).catch((error: unknown) => Promise.reject(writeFailure(output, error)));

  // The service hands over the content; writing it here keeps a file system refusal the CLI's to explain.
  let exported = '';
  const saveExport = async (fileName: string, content: string) => {
    exported = content;
    return { saved: true, fileName: output ?? fileName };
  };
  await withService(cli, { readOnly: true, needsKeychain: true, saveExport }, async (opened) => {
    await opened.service.pollOnce();
    const runsOf = what === 'runs' ? { portalId: normalizePortalUrl(portalUrl!), taskId: taskId! } : undefined;
    await opened.call('exportData', { format: format === 'json' ? 'json' : 'csv', ...(runsOf ? { runsOf } : {}) });
  });
  if (!output) {
    process.stdout.write(exported);
    return 0;
  }
  await writeFile(output, exported, 'utf8').catch((error: unknown) => Promise.reject(writeFailure(output, error)));
  cli.err(`taskwatch: wrote ${output}`);
  return 0;
}
