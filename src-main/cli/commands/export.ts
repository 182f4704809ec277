import { writeFile } from 'node:fs/promises';
import { normalizePortalUrl } from '../../core/portal';
import { openService, type Cli } from '../runtime';
import { UsageError } from '../usage-error';

/**
 * `export tasks` / `export runs <portal> <task-id>`: the same CSV or JSON the window's export saves,
 * to a file (--output) or standard output.
 */
export async function exportData(cli: Cli, args: string[], format: string | undefined, output: string | undefined): Promise<number> {
  const [what, portalUrl, taskId] = args;
  if (format !== undefined && format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
  if (what !== 'tasks' && what !== 'runs') throw new UsageError('export what? taskwatch export tasks | taskwatch export runs <portal-url> <task-id>');
  if (what === 'runs' && (!portalUrl || !taskId)) throw new UsageError('export runs needs the portal URL and the task id');

  const opened = await openService(cli, {
    readOnly: true,
    saveExport: async (fileName, content) => {
      if (output) await writeFile(output, content, 'utf8');
      else process.stdout.write(content);
      return { saved: true, fileName: output ?? fileName };
    },
  });
  try {
    await opened.service.pollOnce();
    const runsOf = what === 'runs' ? { portalId: normalizePortalUrl(portalUrl!), taskId: taskId! } : undefined;
    const saved = await opened.call('exportData', { format: format === 'json' ? 'json' : 'csv', ...(runsOf ? { runsOf } : {}) });
    if (output) cli.err(`taskwatch: wrote ${saved.fileName}`);
    return 0;
  } finally {
    await opened.close();
  }
}
