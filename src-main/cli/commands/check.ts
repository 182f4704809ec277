import { checkReport, formatCheckReport } from '../check-report';
import { withService, type Cli } from '../runtime';
import { UsageError } from '../usage-error';

/**
 * One poll of every portal, reported. It only looks: no notification, nothing marked as notified and no
 * file written, so a later `watch` or the app still alerts everything it finds. Exit 1 when there are problems.
 */
export async function check(cli: Cli, json: boolean): Promise<number> {
  return withService(cli, { readOnly: true, needsKeychain: true }, async (opened) => {
    if (opened.service.snapshot().portals.length === 0) {
      throw new UsageError('No portals configured. Add one: taskwatch portal add <url> --username <name>');
    }
    const snapshot = await opened.service.pollOnce();
    const report = checkReport(snapshot, Date.now());
    cli.out(json ? JSON.stringify(report) : formatCheckReport(report));
    return report.problems.length === 0 ? 0 : 1;
  });
}
