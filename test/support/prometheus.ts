import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian's `prometheus` package (`.ci/run` installs it). Started directly, never as the system service. */
const PROMETHEUS = '/usr/bin/prometheus';

export interface PrometheusTarget {
  job: string;
  /** `host:port` */
  address: string;
  bearerTokenFile?: string;
}

export interface PrometheusSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
}

export interface RunningPrometheus {
  url: string;
  query(expr: string): Promise<PrometheusSample[]>;
  alerts(): Promise<PrometheusAlert[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A real Prometheus on 127.0.0.1 that scrapes and evaluates every second, with its config and storage in `dir`. */
export async function startPrometheus(dir: string, targets: PrometheusTarget[], ruleFiles: string[]): Promise<RunningPrometheus> {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: apt-get install prometheus (.ci/run does)`);
  await mkdir(join(dir, 'data'), { recursive: true });
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    '  evaluation_interval: 1s',
    'rule_files:',
    ...ruleFiles.map((file) => `  - ${JSON.stringify(file)}`),
    'scrape_configs:',
    ...targets.flatMap((target) => [
      `  - job_name: ${JSON.stringify(target.job)}`,
      ...(target.bearerTokenFile ? ['    authorization:', '      type: Bearer', `      credentials_file: ${JSON.stringify(target.bearerTokenFile)}`] : []),
      '    static_configs:',
      `      - targets: [${JSON.stringify(target.address)}]`,
    ]),
  ].join('\n');
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, `${config}\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log: Buffer[] = [];
  const child = spawn(PROMETHEUS, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  child.stderr.on('data', (chunk: Buffer) => log.push(chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error}`);
    return body.data;
  };

  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited: ${Buffer.concat(log).toString()}`);
    if (waited > 20_000) throw new Error('Prometheus did not become ready in 20 s');
    const ready = await fetch(`${url}/-/ready`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    async query(expr) {
      const data = await api<{ result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      return data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
    },
    async alerts() {
      return (await api<{ alerts: PrometheusAlert[] }>('/api/v1/alerts')).alerts;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
