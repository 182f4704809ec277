/**
 * The command line, read and carried out: which command, its options, and the exit code and one clean
 * line for anything that went wrong. Used by the `taskwatch` entry and, for the commands a running owner
 * carries out on the CLI's behalf (owner-control.ts), by that owner.
 */
import { redactText } from '../core/redact';
import type { ErrorCode } from '../contract/api';
import { TaskwatchError } from '../core/errors';
import { defaultHome } from '../core/store/home';
import { channelAdd, channelList, channelRemove, channelTest } from './commands/channel';
import { check } from './commands/check';
import { exportData } from './commands/export';
import { fingerprint } from './commands/fingerprint';
import { maintenanceAdd, maintenanceList, maintenanceRemove } from './commands/maintenance';
import { mute, muteList, unmute } from './commands/mute';
import { portalAdd, portalList, portalRemove } from './commands/portal';
import { watch } from './commands/watch';
import { ConfigInUseError } from './home-owner';
import { askOwner } from './owner-control';
import type { Cli } from './runtime';
import { readArguments, type Arguments } from './arguments';
import { EXIT } from './exit-codes';
import { FileError } from './file-error';
import { UsageError } from './usage-error';

const USAGE = `Usage: taskwatch [--home DIR] <command>

  portal add <url> --username <name> [--admin-url <url>] [--fingerprint <sha256>]
                   [--time-zone <IANA>] [--label <text>] [--poll-interval <s>]
                   (password from standard input; no echo at a terminal)
  portal list [--json]
  portal remove <url>
  check [--json]                  poll every portal once; exit 1 if there are problems
  watch [--json] [--interval <s>] monitor and notify until Ctrl+C
  serve [--listen <host:port>] [--interval <s>] [--passwords-file FILE] [--metrics-token-file FILE]
                                  headless: JSON logs, /metrics, /healthz, /readyz until SIGTERM
  export tasks [--format csv|json] [--output FILE]
  export runs <portal-url> <task-id> [--format csv|json] [--output FILE]
  fingerprint <url>               show a portal's certificate fingerprint, to pin it
  channel add <name> --kind teams|slack|webhook [--alerts <kind,...>]
                   [--min-severity critical|warning|info] [--remind-every <hours>]
                   (the webhook URL from standard input)
  channel add <name> --kind email --host <smtp host> [--port <n>] [--security starttls|tls]
                   --from <address> --to <address,...> [--username <name>] [--alerts <kind,...>]
                   [--min-severity critical|warning|info] [--remind-every <hours>]
                   (the SMTP password, with --username, from standard input)
  channel list [--json]           channels, what waits for a retry, what was not delivered
  channel test <name>             send a test message now; exit 1 if it was not taken
  channel remove <name>
  mute <portal-url> [task] (--until <ISO time> | --for <duration> | --until-recovered) [--reason <text>]
                                  record a task's (or the portal's) alerts but send them nowhere
  mute list [--json]
  unmute <id>
  maintenance add <portal-url> --zone <IANA> [--label <text>]
                   (--once <start> <end> | --weekly <day,...> --from HH:MM --to HH:MM
                    | --cron <Quartz> --minutes <n>)
  maintenance list [--json]
  maintenance remove <id>

Config, state and logs live in --home, else $TASKWATCH_HOME, else the OS app-data folder.
Exit codes: 0 fine, 1 problems found, 2 usage or configuration, 3 keychain unavailable, 4 file not writable.`;

/** Carries out a command line: its exit code, and anything that went wrong said in one line on `err`. */
export async function runCommandLine(argv: string[], cli: Omit<Cli, 'home'>): Promise<number> {
  try {
    const read = readArguments(argv);
    const [command] = read.positionals;
    if (read.values.help || !command) {
      cli.out(USAGE);
      return command || read.values.help ? EXIT.ok : EXIT.usage;
    }
    const context: Cli = { ...cli, home: read.values.home ?? defaultHome() };
    try {
      return await carryOut(context, read);
    } catch (error) {
      // Another Taskwatch owns the home: the changes it takes on the CLI's behalf are made by it, in its process.
      if (!(error instanceof ConfigInUseError) || !ownerCarriesOut(read)) throw error;
      const answer = await askOwner(context.home, argv);
      if (answer === null) throw error;
      answer.out.forEach(cli.out);
      answer.err.forEach(cli.err);
      return answer.code;
    }
  } catch (error) {
    return failure(error, cli.err);
  }
}

/**
 * The changes a running owner (the app, watch, serve) makes when the CLI asks: muting and maintenance
 * windows, what a team does while it runs. Portals and channels, which bring secrets, still need it stopped
 * (or the app's window).
 */
function ownerCarriesOut({ positionals: [command, action] }: Arguments): boolean {
  if (command === 'unmute') return true;
  if (command === 'mute') return action !== 'list';
  return command === 'maintenance' && (action === 'add' || action === 'remove');
}

/** The owner's side: `argv` as sent by a CLI on this home, carried out against the owner's live service. */
export async function runForOwner(argv: string[], cli: Cli): Promise<number> {
  try {
    const read = readArguments(argv);
    if (!ownerCarriesOut(read)) throw new UsageError('A running Taskwatch only takes mute, unmute and maintenance add|remove from the command line.');
    return await carryOut(cli, read);
  } catch (error) {
    return failure(error, cli.err);
  }
}

async function carryOut(context: Cli, { values, positionals }: Arguments): Promise<number> {
  const [command, ...rest] = positionals;
  switch (command) {
    case 'portal': {
      const [action, url] = rest;
      if (action === 'add')
        return portalAdd(context, url, {
          username: values.username,
          adminUrl: values['admin-url'],
          fingerprint: values.fingerprint,
          timeZone: values['time-zone'],
          label: values.label,
          pollInterval: values['poll-interval'],
        });
      if (action === 'list') return portalList(context, values.json ?? false);
      if (action === 'remove') return portalRemove(context, url);
      throw new UsageError(action === undefined ? 'portal needs an action: taskwatch portal add | list | remove' : `Unknown portal action "${action}": add, list or remove.`);
    }
    case 'check':
      return check(context, values.json ?? false);
    case 'watch':
      return watch(context, values.json ?? false, values.interval, runForOwner);
    case 'serve':
      // Its endpoint and metrics (prom-client) are loaded for serve alone, not by every command or the app.
      return (await import('./commands/serve')).serve(
        context,
        { listen: values.listen, interval: values.interval, passwordsFile: values['passwords-file'], metricsTokenFile: values['metrics-token-file'] },
        runForOwner,
      );
    case 'export':
      return exportData(context, rest, values.format, values.output);
    case 'fingerprint':
      return fingerprint(context, rest[0]);
    case 'channel': {
      const [action, name] = rest;
      if (action === 'add')
        return channelAdd(context, name, {
          kind: values.kind,
          host: values.host,
          port: values.port,
          security: values.security,
          username: values.username,
          from: values.from,
          to: values.to,
          alerts: values.alerts,
          minSeverity: values['min-severity'],
          remindEvery: values['remind-every'],
        });
      if (action === 'list') return channelList(context, values.json ?? false);
      if (action === 'test') return channelTest(context, name);
      if (action === 'remove') return channelRemove(context, name);
      throw new UsageError(action === undefined ? 'channel needs an action: taskwatch channel add | list | test | remove' : `Unknown channel action "${action}": add, list, test or remove.`);
    }
    case 'mute': {
      if (rest[0] === 'list') return muteList(context, values.json ?? false);
      return mute(context, rest[0], rest[1], { until: values.until, for: values.for, untilRecovered: values['until-recovered'], reason: values.reason });
    }
    case 'unmute':
      return unmute(context, rest[0]);
    case 'maintenance': {
      const [action, target, ...times] = rest;
      if (action === 'add') {
        const { zone, once, weekly, from, to, cron, minutes, label } = values;
        return maintenanceAdd(context, target, { zone, once, onceTimes: times, weekly, from, to, cron, minutes, label });
      }
      if (action === 'list') return maintenanceList(context, values.json ?? false);
      if (action === 'remove') return maintenanceRemove(context, target);
      throw new UsageError(action === undefined ? 'maintenance needs an action: taskwatch maintenance add | list | remove' : `Unknown maintenance action "${action}": add, list or remove.`);
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run taskwatch --help.`);
  }
}

/** Codes that mean "fix how Taskwatch is called or set up" rather than "the portal said no" (exit 1). */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['invalid-input', 'not-found', 'forbidden']);

/** The exit code for an error whose message is written for the user; null for anything else. */
function exitCodeOf(error: unknown): number | null {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof FileError) return EXIT.file;
  if (error instanceof ConfigInUseError) return EXIT.homeInUse;
  if (!(error instanceof TaskwatchError)) return null;
  if (error.code === 'keychain-unavailable') return EXIT.unavailable;
  return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.problems;
}

/** Exit code and one clean line for anything that went wrong. */
export function failure(error: unknown, err: (line: string) => void): number {
  const code = exitCodeOf(error);
  if (code !== null) {
    err(`taskwatch: ${(error as Error).message}`);
    return code;
  }
  err(`taskwatch: unexpected error: ${redactText(error instanceof Error ? error.message : String(error))}`);
  return EXIT.problems;
}

