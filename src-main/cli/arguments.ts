/**
 * The taskwatch command line, read with node:util's tokens and checked here, so that every mistake is
 * one sentence in Taskwatch's own words (Node's parser messages quote and hint in ways that fit no shell).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** Every option; a string option's placeholder shows in "needs a value" messages. */
const OPTIONS = {
  home: { type: 'string', placeholder: 'DIR' },
  json: { type: 'boolean' },
  username: { type: 'string', placeholder: '<name>' },
  'admin-url': { type: 'string', placeholder: '<url>' },
  fingerprint: { type: 'string', placeholder: '<sha256>' },
  'time-zone': { type: 'string', placeholder: '<IANA zone, e.g. Europe/Berlin>' },
  label: { type: 'string', placeholder: '<text>' },
  'poll-interval': { type: 'string', placeholder: '<seconds>' },
  interval: { type: 'string', placeholder: '<seconds>' },
  listen: { type: 'string', placeholder: '<address:port>' },
  'passwords-file': { type: 'string', placeholder: 'FILE' },
  'metrics-token-file': { type: 'string', placeholder: 'FILE' },
  format: { type: 'string', placeholder: 'csv|json' },
  output: { type: 'string', placeholder: 'FILE' },
  kind: { type: 'string', placeholder: 'email|teams|slack|webhook' },
  host: { type: 'string', placeholder: '<smtp host>' },
  port: { type: 'string', placeholder: '<number>' },
  security: { type: 'string', placeholder: 'starttls|tls' },
  from: { type: 'string', placeholder: '<address>' },
  to: { type: 'string', placeholder: '<address,...>' },
  alerts: { type: 'string', placeholder: '<kind,...>' },
  'min-severity': { type: 'string', placeholder: 'critical|warning|info' },
  'remind-every': { type: 'string', placeholder: '<hours>' },
  until: { type: 'string', placeholder: '<ISO time, e.g. 2026-11-28T06:00Z>' },
  for: { type: 'string', placeholder: '<duration, e.g. 2h or 30m>' },
  'until-recovered': { type: 'boolean' },
  reason: { type: 'string', placeholder: '<text>' },
  zone: { type: 'string', placeholder: '<IANA zone, e.g. Europe/Berlin>' },
  once: { type: 'boolean' },
  weekly: { type: 'string', placeholder: '<day,...>' },
  cron: { type: 'string', placeholder: '<Quartz expression>' },
  minutes: { type: 'string', placeholder: '<number>' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** What each command accepts besides --home and --help: options, and how many words after its name. */
const COMMANDS: Record<string, { options: readonly OptionName[]; words: number }> = {
  'portal add': { options: ['username', 'admin-url', 'fingerprint', 'time-zone', 'label', 'poll-interval'], words: 1 },
  'portal list': { options: ['json'], words: 0 },
  'portal remove': { options: [], words: 1 },
  check: { options: ['json'], words: 0 },
  watch: { options: ['json', 'interval'], words: 0 },
  serve: { options: ['listen', 'interval', 'passwords-file', 'metrics-token-file'], words: 0 },
  'export tasks': { options: ['format', 'output'], words: 0 },
  'export runs': { options: ['format', 'output'], words: 2 },
  fingerprint: { options: [], words: 1 },
  'channel add': { options: ['kind', 'host', 'port', 'security', 'username', 'from', 'to', 'alerts', 'min-severity', 'remind-every'], words: 1 },
  'channel list': { options: ['json'], words: 0 },
  'channel test': { options: [], words: 1 },
  'channel remove': { options: [], words: 1 },
  mute: { options: ['until', 'for', 'until-recovered', 'reason'], words: 2 },
  'mute list': { options: ['json'], words: 0 },
  unmute: { options: [], words: 1 },
  'maintenance add': { options: ['zone', 'once', 'weekly', 'from', 'to', 'cron', 'minutes', 'label'], words: 3 },
  'maintenance list': { options: ['json'], words: 0 },
  'maintenance remove': { options: [], words: 1 },
};

export interface Arguments {
  /** The command's words, e.g. ['portal', 'add', '<url>']. */
  positionals: string[];
  values: {
    [N in OptionName]?: (typeof OPTIONS)[N]['type'] extends 'boolean' ? boolean : string;
  };
}

export function readArguments(argv: string[]): Arguments {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const option = OPTIONS[token.name as OptionName] as (typeof OPTIONS)[OptionName] | undefined;
    if (!option) throw new UsageError(`Unknown option ${token.rawName}. Run taskwatch --help for the options.`);
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value (got "${token.value}").`);
      values[token.name] = true;
      continue;
    }
    // Without "=", a following option is not a value: `--home --json` means the directory was forgotten.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${option.placeholder}`);
    }
    values[token.name] = token.value;
  }
  if (!values.help) checkCommand(positionals, values);
  return { positionals, values };
}

/** Options that do not belong to the command, or words too many, are mistakes worth saying. */
function checkCommand(positionals: string[], values: Record<string, unknown>): void {
  const [first, second] = positionals;
  const grouped = first === 'portal' || first === 'export' || first === 'channel' || first === 'maintenance' || (first === 'mute' && second === 'list');
  const name = grouped ? `${first} ${second ?? ''}`.trim() : first;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) return; // unknown or incomplete commands are answered where they are dispatched
  const own = new Set<string>(['home', 'help', ...command.options]);
  const stray = Object.keys(values).find((option) => !own.has(option));
  if (stray) throw new UsageError(`--${stray} does not apply to ${name}. Run taskwatch --help for its options.`);
  const extra = positionals.slice(name!.split(' ').length + command.words);
  if (extra.length > 0) throw new UsageError(`Too many arguments for ${name}: "${extra.join(' ')}". Run taskwatch --help.`);
}
