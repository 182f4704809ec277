import { AlertKind, Severity } from '../../contract/vocabulary';
import type { ChannelStatus } from '../../core/channels/channel-directory';
import { ChannelSendError } from '../../core/channels/send';
import { EXIT } from '../exit-codes';
import { printList } from '../list-output';
import { readPassword } from '../read-password';
import type { Cli } from '../runtime';
import { withService } from '../runtime';
import { UsageError } from '../usage-error';

export interface ChannelAddOptions {
  kind?: string;
  host?: string;
  port?: string;
  security?: string;
  username?: string;
  from?: string;
  to?: string;
  alerts?: string;
  minSeverity?: string;
  remindEvery?: string;
}

const list = (text: string | undefined) => (text === undefined ? undefined : text.split(',').map((item) => item.trim()).filter(Boolean));

/**
 * `channel add <name>`: saves an email or webhook channel (replacing one of the same name). Its secret, the
 * webhook URL or the SMTP password, comes from standard input like a portal's password, and goes to the keychain.
 */
export async function channelAdd(cli: Cli, name: string | undefined, options: ChannelAddOptions): Promise<number> {
  if (!name) throw new UsageError('channel add needs a name, e.g. taskwatch channel add ops --kind teams');
  const kind = options.kind;
  if (kind !== 'email' && kind !== 'teams' && kind !== 'slack' && kind !== 'webhook') throw new UsageError('channel add needs --kind email|teams|slack|webhook');
  const alertKinds = list(options.alerts);
  const unknown = alertKinds?.find((word) => !AlertKind.safeParse(word).success);
  if (unknown) throw new UsageError(`Unknown alert kind "${unknown}": use ${AlertKind.options.join(', ')}.`);
  if (options.minSeverity !== undefined && !Severity.safeParse(options.minSeverity).success) {
    throw new UsageError(`Unknown severity "${options.minSeverity}": use ${Severity.options.join(', ')}.`);
  }
  const remindEveryHours = options.remindEvery === undefined ? undefined : Number(options.remindEvery);
  if (remindEveryHours !== undefined && !(remindEveryHours > 0 && remindEveryHours <= 24 * 30)) {
    throw new UsageError(`--remind-every takes a number of hours, more than 0 and at most 720 (got "${options.remindEvery}")`);
  }
  const fields =
    kind === 'email'
      ? {
          kind,
          host: options.host,
          port: options.port === undefined ? (options.security === 'tls' ? 465 : 587) : Number(options.port),
          security: options.security,
          username: options.username ?? null,
          from: options.from,
          to: list(options.to),
        }
      : { kind };
  if (kind === 'email' && (!options.host || !options.from || !options.to)) throw new UsageError('An email channel needs --host, --from and --to.');
  const needsSecret = kind !== 'email' || options.username !== undefined;
  const what = kind === 'email' ? 'SMTP password' : 'webhook URL';
  const secret = needsSecret ? await readSecret(kind === 'email' ? `SMTP password for ${options.username}: ` : `Webhook URL for ${name}: `, what) : null;
  return withService(cli, { changesConfig: true, needsKeychain: true }, async (opened) => {
    const routing = { ...(alertKinds ? { alertKinds } : {}), ...(options.minSeverity ? { minSeverity: options.minSeverity } : {}), ...(remindEveryHours ? { remindEveryHours } : {}) };
    const channel = await opened.service.channels.add({ name, ...fields, ...routing }, secret);
    cli.out(`Saved channel ${channel.name} (${channel.kind})${secret ? `; its ${what} is in the OS keychain` : ''}. Try it: taskwatch channel test ${channel.name}`);
    return EXIT.ok;
  });
}

export async function channelList(cli: Cli, json: boolean): Promise<number> {
  return withService(cli, { readOnly: true }, async (opened) => {
    printList(cli, json, opened.service.channels.list(), 'No channels yet. Add one: taskwatch channel add <name> --kind email|teams|slack|webhook', describeChannel);
    return EXIT.ok;
  });
}

/** Sends a test message now: exit 0 when the channel's server took it, 1 with the reason when not. */
export async function channelTest(cli: Cli, name: string | undefined): Promise<number> {
  if (!name) throw new UsageError('channel test needs the channel name as shown by taskwatch channel list');
  return withService(cli, { readOnly: true }, async (opened) => {
    try {
      await opened.service.channels.test(name);
      cli.out(`Channel ${name} took the test message.`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ChannelSendError)) throw error;
      cli.err(`taskwatch: channel ${name} did not take the test message: ${error.message}`);
      return EXIT.problems;
    }
  });
}

export async function channelRemove(cli: Cli, name: string | undefined): Promise<number> {
  if (!name) throw new UsageError('channel remove needs the channel name as shown by taskwatch channel list');
  return withService(cli, { changesConfig: true, needsKeychain: true }, async (opened) => {
    await opened.service.channels.remove(name);
    cli.out(`Removed channel ${name}, its keychain entry and whatever it still had to send.`);
    return EXIT.ok;
  });
}

function describeChannel({ channel, waiting, lastError, nextAttemptAt, undelivered }: ChannelStatus): string {
  const target = channel.kind === 'email' ? `to ${channel.to.join(', ')} via ${channel.host}:${channel.port} (${channel.security})` : 'URL in the keychain';
  const kinds = channel.alertKinds.length === AlertKind.options.length ? 'all alerts' : channel.alertKinds.join(', ');
  const state = [
    waiting > 0 ? `${waiting} waiting${nextAttemptAt ? `, retry at ${new Date(nextAttemptAt).toISOString()}` : ''}${lastError ? `: ${lastError}` : ''}` : 'nothing waiting',
    ...(undelivered.length > 0 ? [`${undelivered.length} NOT DELIVERED (last: ${undelivered[0]!.reason})`] : []),
  ];
  const urgency = { critical: 'critical only', warning: 'warning and up', info: 'every severity' }[channel.minSeverity];
  const reminders = channel.remindEveryHours === null ? 'no reminders' : `reminds every ${channel.remindEveryHours} h`;
  return `${channel.name}  ${channel.kind}  ${target}  ${kinds}  ${urgency}  ${reminders}  ${state.join('; ')}`;
}

async function readSecret(prompt: string, what: string): Promise<string> {
  try {
    return await readPassword(prompt);
  } catch (error) {
    if (error instanceof UsageError && !/Cancelled/.test(error.message)) throw new UsageError(`No ${what} given: type it at the prompt or pipe it to standard input.`);
    throw error;
  }
}
