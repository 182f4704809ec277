import type { Alert } from '../../core/store/state';
import { alertFacts } from '../alert-facts';
import { asHomeOwner } from '../home-owner';
import { parseIntervalSeconds } from '../interval';
import { withService, type Cli } from '../runtime';
import { catchStopSignal, untilStopSignal } from '../stop-signal';
import { offerOwnerControl, type RunForOwner } from '../owner-control';
import { UsageError } from '../usage-error';

/** One line per alerted problem, even when the OS notification grouped several. */
export function notificationLine(alert: Alert): string {
  return JSON.stringify({ event: 'notification', ...alertFacts(alert), title: alert.title, body: alert.body });
}

/**
 * Runs the app's monitor and alert rules in the terminal, with OS notifications, until SIGINT/SIGTERM;
 * then it saves state and exits 0. Exits 5 when another Taskwatch (the app, another watch) owns the home.
 */
export async function watch(cli: Cli, json: boolean, interval: string | undefined, forCli: RunForOwner): Promise<number> {
  const intervalSeconds = parseIntervalSeconds(interval);
  const stopped = catchStopSignal();
  return asHomeOwner(cli, 'taskwatch watch', () => watchLocked(cli, json, intervalSeconds, stopped, forCli));
}

async function watchLocked(cli: Cli, json: boolean, intervalSeconds: number | undefined, stopped: Promise<NodeJS.Signals>, forCli: RunForOwner): Promise<number> {
  const onAlert = (alert: Alert) => cli.out(json ? notificationLine(alert) : `${alert.title} — ${alert.body.replace(/\n/g, ' ')}`);
  return withService(cli, { needsKeychain: true, ...(intervalSeconds ? { intervalSeconds } : {}), onAlert }, async (opened) => {
    if (opened.service.snapshot().portals.length === 0) throw new UsageError('No portals configured. Add one: taskwatch portal add <url> --username <name>');
    await opened.service.start();
    const control = await offerOwnerControl(cli.home, opened, forCli);
    if (!json) cli.err(`taskwatch: watching ${opened.service.snapshot().portals.length} portal(s); Ctrl+C to stop.`);
    await untilStopSignal(stopped);
    await control?.close();
    return 0;
  });
}
