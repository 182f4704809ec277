import { HOME_IN_USE_EXIT_CODE, HomeInUseError, lockHome, type HomeLock } from '../../core/store/home-lock';
import type { Alert } from '../../core/store/state';
import { openService, type Cli } from '../runtime';
import { UsageError } from '../usage-error';

/** One line per alerted problem, even when the OS notification grouped several. */
export function notificationLine(alert: Alert): string {
  return JSON.stringify({
    event: 'notification',
    kind: alert.kind,
    portal: alert.portalId,
    taskId: alert.taskId ?? null,
    runId: alert.runId ?? null,
    title: alert.title,
    body: alert.body,
  });
}

/**
 * Runs the app's monitor and alert rules in the terminal, with OS notifications, until SIGINT/SIGTERM;
 * then it saves state and exits 0. Exits 4 when another Taskwatch (the app, another watch) owns the home.
 */
export async function watch(cli: Cli, json: boolean, interval: string | undefined): Promise<number> {
  const intervalSeconds = interval === undefined ? undefined : Number(interval);
  if (intervalSeconds !== undefined && !(Number.isInteger(intervalSeconds) && intervalSeconds >= 1)) {
    throw new UsageError('--interval takes a whole number of seconds, at least 1');
  }
  let lock: HomeLock;
  try {
    lock = await lockHome(cli.home, {
      what: 'taskwatch watch',
      // Another Taskwatch took the home while this one was stopped (Ctrl+Z) or stalled: it is the owner now.
      onCompromised: () => {
        cli.err('taskwatch: another Taskwatch took over this home while this watch was stalled; stopping.');
        process.exit(HOME_IN_USE_EXIT_CODE);
      },
    });
  } catch (error) {
    if (!(error instanceof HomeInUseError)) throw error;
    cli.err(`taskwatch: ${error.message} Read-only commands (check, portal list, export) still work.`);
    return HOME_IN_USE_EXIT_CODE;
  }
  try {
    return await watchLocked(cli, json, intervalSeconds);
  } finally {
    await lock.release();
  }
}

async function watchLocked(cli: Cli, json: boolean, intervalSeconds: number | undefined): Promise<number> {
  const opened = await openService(cli, {
    ...(intervalSeconds ? { intervalSeconds } : {}),
    onAlert: (alert) => cli.out(json ? notificationLine(alert) : `${alert.title} — ${alert.body.replace(/\n/g, ' ')}`),
  });
  if (opened.service.snapshot().portals.length === 0) {
    await opened.close();
    throw new UsageError('No portals configured. Add one: taskwatch portal add <url> --username <name>');
  }
  await opened.service.start();
  if (!json) cli.err(`taskwatch: watching ${opened.service.snapshot().portals.length} portal(s); Ctrl+C to stop.`);
  // The monitor's timers do not hold the process open (the app must be able to quit): this does, until a signal.
  const keepAlive = setInterval(() => {}, 1 << 30);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(keepAlive);
  await opened.close();
  return 0;
}
