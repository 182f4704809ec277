import { FileSecretStore, type PasswordSource } from '../../adapters/file-secrets';
import { KeytarSecretStore } from '../../adapters/keytar-secrets';
import { readOwnerOnly } from '../../adapters/owner-only-file';
import { createStreamLogger } from '../../adapters/stream-logger';
import { TaskwatchError } from '../../core/errors';
import type { Logger, Notifier, SecretStore } from '../../core/ports';
import { createTaskwatchService, type TaskwatchService } from '../../core/service';
import type { Alert } from '../../core/store/state';
import { startEndpoint } from '../../serve/endpoint';
import { TaskwatchMetrics } from '../../serve/metrics';
import { asHomeOwner } from '../home-owner';
import { parseIntervalSeconds } from '../interval';
import type { Cli } from '../runtime';
import { catchStopSignal, untilStopSignal } from '../stop-signal';
import { offerOwnerControl, type RunForOwner } from '../owner-control';
import { UsageError } from '../usage-error';
import { alertFacts } from '../alert-facts';

export const DEFAULT_LISTEN = '127.0.0.1:9478';
/** Environment variables that carry a secret itself, for containers that cannot mount a file. */
export const PASSWORDS_ENV = 'TASKWATCH_PASSWORDS';
export const METRICS_TOKEN_ENV = 'TASKWATCH_METRICS_TOKEN';

export interface ServeOptions {
  listen: string | undefined;
  interval: string | undefined;
  passwordsFile: string | undefined;
  metricsTokenFile: string | undefined;
}

/** A server has no desktop: every alert is a log line and a count in `taskwatch_alerts_total`; Alertmanager pages. */
const noDesktop: Notifier = { notify: async () => {} };

/**
 * `taskwatch serve`: the app's monitor and alert rules, headless. JSON log lines on standard output,
 * `/metrics`, `/healthz` and `/readyz` over HTTP, until SIGTERM or SIGINT; then it stops answering,
 * lets polls under way finish, saves state and exits 0. Like `watch`, it owns the home while it runs.
 */
export function serve(cli: Cli, options: ServeOptions, forCli: RunForOwner, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const stopped = catchStopSignal();
  return asHomeOwner(cli, 'taskwatch serve', () => serveOwned(cli, options, env, stopped, forCli));
}

async function serveOwned(cli: Cli, options: ServeOptions, env: NodeJS.ProcessEnv, stopped: Promise<NodeJS.Signals>, forCli: RunForOwner): Promise<number> {
  const address = parseListen(options.listen ?? DEFAULT_LISTEN);
  const intervalSeconds = parseIntervalSeconds(options.interval);
  const secrets = await passwordStore(options.passwordsFile, env);
  const token = await metricsToken(options.metricsTokenFile, env);
  const logger = createStreamLogger(process.stdout);
  const metrics = new TaskwatchMetrics();

  const service = await createTaskwatchService({
    home: cli.home,
    secrets,
    notifier: noDesktop,
    logger,
    ...(intervalSeconds ? { intervalSeconds } : {}),
    onAlert: (alert) => {
      metrics.alerted(alert.kind);
      logAlert(logger, alert);
    },
  });
  const portals = service.snapshot().portals;
  if (portals.length === 0) {
    await service.stop();
    throw new UsageError(
      `No portals configured in ${cli.home}/config.json. Add one with taskwatch portal add <url> --username <name>, or write it (README: taskwatch serve)`,
    );
  }
  if (secrets instanceof KeytarSecretStore) await probeKeychain(secrets, portals[0]!.id, service);

  let started = false;
  const endpoint = await startEndpoint({
    ...address,
    token,
    metrics: async () => ({ text: await metrics.render(service), contentType: metrics.registry.contentType }),
    notReadyBecause: () => (started ? unpolled(service) : 'starting'),
  }).catch(async (error: NodeJS.ErrnoException) => {
    await service.stop();
    throw new UsageError(`Cannot listen on ${address.host}:${address.port} (${error.code ?? error.message}): choose another --listen`);
  });
  await service.start();
  started = true;
  const control = await offerOwnerControl(cli.home, { service, logger }, forCli);
  logger.log('info', 'Serving', { url: endpoint.url, portals: portals.length, home: cli.home, scrapeAuth: token === null ? 'none' : 'bearer' });

  const signal = await untilStopSignal(stopped);
  logger.log('info', 'Stopping', { signal });
  await control?.close();
  await endpoint.close();
  await service.stop();
  logger.log('info', 'Stopped: state saved');
  return 0;
}

/** `host:port`, `[v6]:port`; port 0 picks a free one (the `Serving` log line says which). */
function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) throw new UsageError(`--listen takes host:port (e.g. ${DEFAULT_LISTEN} or [::1]:9478), not "${listen}"`);
  return { host: match[1] ?? match[2]!, port };
}

/** The keychain, unless the admin gave the passwords in a file or the environment. */
async function passwordStore(passwordsFile: string | undefined, env: NodeJS.ProcessEnv): Promise<SecretStore> {
  const fromEnv = env[PASSWORDS_ENV];
  if (passwordsFile !== undefined && fromEnv !== undefined) throw new UsageError(`Give the passwords in --passwords-file or in ${PASSWORDS_ENV}, not both`);
  delete env[PASSWORDS_ENV]; // nothing this process starts inherits it
  const source: PasswordSource | null =
    passwordsFile !== undefined ? { kind: 'file', path: passwordsFile } : fromEnv !== undefined ? { kind: 'env', name: PASSWORDS_ENV, text: fromEnv } : null;
  if (source === null) return new KeytarSecretStore();
  const store = new FileSecretStore(source);
  await store.check();
  return store;
}

async function metricsToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv): Promise<string | null> {
  const fromEnv = env[METRICS_TOKEN_ENV];
  if (tokenFile !== undefined && fromEnv !== undefined) throw new UsageError(`Give the metrics token in --metrics-token-file or in ${METRICS_TOKEN_ENV}, not both`);
  delete env[METRICS_TOKEN_ENV];
  const token = tokenFile !== undefined ? (await readOwnerOnly(tokenFile, 'The metrics token file')).trim() : fromEnv?.trim();
  if (token === undefined) return null;
  if (token.length < 16) throw new UsageError('The metrics token must be at least 16 characters (e.g. openssl rand -hex 32)');
  return token;
}

/** Fails at start, not at every poll, when the keychain cannot be reached: a server often has none. */
async function probeKeychain(secrets: SecretStore, account: string, service: TaskwatchService): Promise<void> {
  try {
    await secrets.get(account);
  } catch (error) {
    await service.stop();
    if (!(error instanceof TaskwatchError)) throw error;
    throw new TaskwatchError(error.code, `${error.message} Without a desktop keychain, give serve the passwords in a file: --passwords-file FILE.`);
  }
}

function unpolled(service: TaskwatchService): string | null {
  const waiting = service.snapshot().portals.filter((portal) => service.pollStats(portal.id).lastPollMs === null);
  return waiting.length === 0 ? null : `${waiting.length} portal(s) not polled yet since start`;
}

function logAlert(logger: Logger, alert: Alert): void {
  logger.log('warn', alert.title, { event: 'alert', ...alertFacts(alert), body: alert.body });
}
