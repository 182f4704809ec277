/**
 * Many simulated portals over HTTPS, served by a child process so that the parent's CPU and memory are
 * the core's alone. They share one self-signed certificate, which the core pins: verification stays on.
 */
import { fork } from 'node:child_process';
import { createSelfSignedCertificate } from '../sim/certificate';
import { startSimulatedPortal } from '../sim/portal-server';
import type { SimTask } from '../sim/types';

const HOUR = 3_600_000;

/** `count` hourly cleaners and backups, each with its last three runs succeeded. */
export function hourlyTasks(portal: number, count: number): SimTask[] {
  const now = Date.now();
  const lastHour = Math.floor(now / HOUR) * HOUR;
  return Array.from({ length: count }, (_, index) => ({
    id: `p${portal}t${index}`,
    title: `task ${index}`,
    taskType: index % 3 === 0 ? 'CreateBackup' : 'CleanGPJobs',
    cronExpression: '0 0 * * * ?',
    created: now - 30 * 24 * HOUR,
    history: [2, 1, 0].map((back) => ({ startedAt: lastHour - back * HOUR, status: 'succeeded', result: 'GP Jobs have been cleaned.' })),
  }));
}

/** What the fleet saw since it was last cleared, summed over its portals. */
export interface FleetCounts {
  requests: number;
  /** TCP connections accepted. */
  connections: number;
  /** TLS handshakes that resumed a session. */
  resumed: number;
  /** The simulator's own CPU time: it shares the machine's cores with the core being measured. */
  simCpuMs: number;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

type FleetMessage = 'counts' | 'clear' | 'stop' | { latencyMs: number };

/** Child process: serves the fleet (without latency until told), answers counts, and stops on request. */
export async function serveFleet(portals: number, tasks: number): Promise<void> {
  const certificate = await createSelfSignedCertificate();
  const tls = { key: certificate.key, cert: certificate.cert };
  // Idle connections are kept 2 minutes, as IIS in front of a portal does by default (Node's default is 5 s).
  const keepAliveTimeoutMs = 120_000;
  const sims = await Promise.all(
    Array.from({ length: portals }, (_, portal) => startSimulatedPortal({ tasks: hourlyTasks(portal, tasks), tls, keepAliveTimeoutMs })),
  );
  let since = { connections: 0, resumed: 0 };
  let cpuSince = process.cpuUsage();
  const totals = () => ({
    connections: sims.reduce((sum, sim) => sum + sim.connectionCount(), 0),
    resumed: sims.reduce((sum, sim) => sum + sim.resumedSessionCount(), 0),
  });
  process.on('message', (message: FleetMessage) => {
    if (message === 'counts') {
      const now = totals();
      const counts: FleetCounts = {
        requests: sims.reduce((sum, sim) => sum + sim.countRequests(), 0),
        connections: now.connections - since.connections,
        resumed: now.resumed - since.resumed,
        simCpuMs: cpuMs(process.cpuUsage(cpuSince)),
      };
      process.send!(counts);
    } else if (message === 'clear') {
      sims.forEach((sim) => sim.clearRequestLog());
      since = totals();
      cpuSince = process.cpuUsage();
      process.send!('cleared');
    } else if (message === 'stop') {
      void Promise.all(sims.map((sim) => sim.close())).then(() => process.exit(0));
    } else {
      sims.forEach((sim) => sim.setLatency(message.latencyMs));
      process.send!('latency set');
    }
  });
  process.send!({ baseUrls: sims.map((sim) => sim.baseUrl), fingerprint: certificate.fingerprint, certificatePem: certificate.cert });
}

export interface RemoteFleet {
  baseUrls: string[];
  fingerprint: string;
  /** The certificate all the fleet's portals share (public). */
  certificatePem: string;
  setLatency(ms: number): Promise<void>;
  /** Forgets requests and connections so far. */
  clear(): Promise<void>;
  counts(): Promise<FleetCounts>;
  stop(): Promise<void>;
}

/** Starts the fleet in a child process running `script` with `args` (which must make it call `serveFleet`). */
export async function remoteFleet(script: string, args: string[]): Promise<RemoteFleet> {
  const child = fork(script, args, { execArgv: [] });
  const ask = <T>(message: FleetMessage) =>
    new Promise<T>((resolve) => {
      child.once('message', (reply) => resolve(reply as T));
      child.send(message);
    });
  type Hello = Pick<RemoteFleet, 'baseUrls' | 'fingerprint' | 'certificatePem'>;
  const { baseUrls, fingerprint, certificatePem } = await new Promise<Hello>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Hello));
    child.once('exit', () => reject(new Error('the simulated fleet ended')));
  });
  return {
    baseUrls,
    fingerprint,
    certificatePem,
    setLatency: (latencyMs) => ask({ latencyMs }),
    clear: () => ask('clear'),
    counts: () => ask<FleetCounts>('counts'),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}
