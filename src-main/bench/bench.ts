/**
 * `npm run bench -- [--portals P] [--tasks T] [--latency MS]`: the core against P simulated portals with
 * T tasks each, every answer delayed by MS. Prints the requests per steady cycle (the incremental
 * strategy's goal: one per portal), first- and steady-cycle wall time, and the core's heap.
 * Then two large portals, each served by a simulator in a child process so that the memory printed is the
 * core's alone: one task with 50,000 runs on a server that ignores paging (a cycle after the task moved
 * reads them all), and 5,000 tasks (first and steady cycle). Goals: a cycle within 1 s, RSS within 150 MB.
 * The keychain and notification service are not what is measured: an in-process store and a counter
 * stand in for them here (both are proven against the real services by the tests).
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PortalClient } from '../core/portal';
import { createTaskwatchService, type TaskwatchService } from '../core/service';
import { MemorySecretStore } from '../adapters/memory-secrets';
import type { SimulatedPortalOptions } from '../sim/portal-server';
import { startSimulatedPortal, type SimulatedPortal } from '../sim/portal-server';
import type { SimTask } from '../sim/types';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchZoneInference } from './zone-inference';

const { values } = parseArgs({
  options: {
    portals: { type: 'string', default: '100' },
    tasks: { type: 'string', default: '100' },
    latency: { type: 'string', default: '20' },
    /** Internal: serve one large scenario from this (child) process. */
    serve: { type: 'string' },
    /** Internal: measure one large scenario in this (child) process. */
    large: { type: 'string' },
  },
});
const portalCount = Number(values.portals);
const taskCount = Number(values.tasks);
const latencyMs = Number(values.latency);
const HOUR = 3_600_000;

function tasksFor(portal: number, count = taskCount): SimTask[] {
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

const heapMb = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
};
/** A service with a scratch home, an in-process secret store and a notification counter. */
async function startService() {
  const home = await mkdtemp(join(tmpdir(), 'taskwatch-bench-'));
  const secrets = new MemorySecretStore();
  let notifications = 0;
  const service = await createTaskwatchService({ home, secrets, notifier: { notify: async () => void notifications++ } });
  return { service, notified: () => notifications, remove: () => rm(home, { recursive: true, force: true }) };
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

/**
 * Runs `work`, printing its wall time, this process's CPU time (the core's own work: the simulator runs
 * elsewhere), RSS and heap before and after, and their peaks sampled meanwhile.
 */
async function measured(label: string, work: () => Promise<string>): Promise<void> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const outcome = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const after = process.memoryUsage();
  peak = Math.max(peak, after.rss);
  console.log(
    `${label.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)  RSS ${mb(before.rss)} -> ${mb(after.rss)} MB (peak ${mb(peak)})  ` +
      `heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB (peak ${mb(peakHeap)})  ${outcome}`,
  );
}

const BIG_TASK = 'big';
const BIG_RUNS = 50_000;

/** The large scenarios, each served by a child process (see `serveScenario`). */
const SCENARIOS: Record<string, () => SimulatedPortalOptions> = {
  runs: () => {
    const lastHour = Math.floor(Date.now() / HOUR) * HOUR;
    const history = Array.from({ length: BIG_RUNS }, (_, index) => ({
      startedAt: lastHour - (BIG_RUNS - index) * HOUR,
      status: index % 5_000 === 17 ? 'failed' : 'succeeded',
      result: index % 5_000 === 17 ? 'Backup failed: the backup store is full.' : 'Backup completed.',
    }));
    const task: SimTask = { id: BIG_TASK, title: 'hourly backup', taskType: 'CreateBackup', cronExpression: '0 0 * * * ?', history };
    return { tasks: [task], runsPaging: 'ignore' };
  },
  tasks: () => ({ tasks: tasksFor(0, 5_000) }),
};

/** Child process: serves one scenario, tells the parent its URL, and on request completes a new run of the big task. */
async function serveScenario(name: string): Promise<void> {
  const sim = await startSimulatedPortal({ ...SCENARIOS[name]!(), latencyMs });
  process.on('message', (message) => {
    if (message === 'move') {
      sim.startRun(BIG_TASK, Date.now() - 60_000);
      sim.completeRun(BIG_TASK, { status: 'failed', result: 'Backup failed: the backup store is not reachable.' });
      process.send!('moved');
    }
    if (message === 'stop') void sim.close().then(() => process.exit(0));
  });
  process.send!({ baseUrl: sim.baseUrl });
}

interface RemotePortal {
  baseUrl: string;
  request(message: string, reply?: string): Promise<void>;
}

async function remotePortal(scenario: string): Promise<RemotePortal> {
  const child = fork(process.argv[1]!, ['--serve', scenario, '--latency', String(latencyMs)], { execArgv: [] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { baseUrl: string }).baseUrl));
    child.once('exit', () => reject(new Error(`the ${scenario} simulator ended`)));
  });
  return {
    baseUrl,
    request: (message, reply) =>
      new Promise<void>((resolve) => {
        if (reply) child.once('message', () => resolve());
        else child.once('exit', () => resolve());
        child.send(message);
      }),
  };
}

/** A service of its own against one portal served by a child process: what `work` measures is the core alone. */
async function withLargePortal(
  scenario: string,
  work: (service: TaskwatchService, portal: RemotePortal, notified: () => number) => Promise<void>,
): Promise<void> {
  const portal = await remotePortal(scenario);
  const { service, notified, remove } = await startService();
  await service.handlers.addPortal({ url: portal.baseUrl, username: 'admin', password: 'admin-password' });
  try {
    await work(service, portal, notified);
  } finally {
    await service.stop();
    await portal.request('stop');
    await remove();
  }
}

/** The large-portal measurements, each run by a fresh process of its own (see `inFreshProcess`). */
const LARGE: Record<string, () => Promise<void>> = {
  runs: () =>
    withLargePortal('runs', async (service, portal, notified) => {
      const cycle = async () => {
        await service.pollOnce();
        return `${notified()} notifications`;
      };
      const client = new PortalClient(
        { baseUrl: portal.baseUrl, adminUrl: `${portal.baseUrl}/admin`, username: 'admin', timeZone: 'UTC', fingerprint: null },
        { getPassword: async () => 'admin-password' },
      );
      await measured('50,000 runs, answer read alone', async () => `${(await client.listRuns(BIG_TASK, { start: 0, num: 10 })).runs.length} runs`);
      await measured('50,000 runs, first look', cycle);
      await portal.request('move', 'moved');
      await measured('50,000 runs, task moved', async () => `${await cycle()} (1 new failure)`);
    }),
  tasks: () =>
    withLargePortal('tasks', async (service, _portal, notified) => {
      const cycle = async () => `${(await service.pollOnce()).tasks.length} tasks, ${notified()} notifications`;
      await measured('5,000 tasks, first cycle', cycle);
      await measured('5,000 tasks, steady cycle', cycle);
    }),
};

/** Runs one large measurement in a new process, so that its RSS owes nothing to what ran before. */
function inFreshProcess(name: string): Promise<void> {
  const child = fork(process.argv[1]!, ['--large', name, '--latency', String(latencyMs)], { execArgv: ['--expose-gc'] });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the ${name} measurement failed`)))));
}

async function largePortals(): Promise<void> {
  console.log(`\nlarge portals (core and simulator each in a fresh process; goal: cycle <= 1000 ms, RSS <= 150 MB)`);
  for (const name of Object.keys(LARGE)) await inFreshProcess(name);
}

const requestsSoFar = (sims: SimulatedPortal[]) => sims.reduce((sum, sim) => sum + sim.countRequests(), 0);

async function main() {
  benchZoneInference();
  const sims = await Promise.all(Array.from({ length: portalCount }, (_, portal) => startSimulatedPortal({ tasks: tasksFor(portal), latencyMs })));
  const heapBefore = heapMb();
  const { service, notified, remove } = await startService();
  for (const sim of sims) await service.handlers.addPortal({ url: sim.baseUrl, username: 'admin', password: 'admin-password' });
  sims.forEach((sim) => sim.clearRequestLog());

  let started = performance.now();
  await service.pollOnce();
  const firstMs = performance.now() - started;
  const firstRequests = requestsSoFar(sims);

  sims.forEach((sim) => sim.clearRequestLog());
  started = performance.now();
  await service.pollOnce();
  const steadyMs = performance.now() - started;
  const steadyRequests = requestsSoFar(sims);
  const heapAfter = heapMb();
  const tasks = service.snapshot().tasks.length;

  console.log(`portals ${portalCount} x tasks ${taskCount} (${tasks} tasks seen), latency ${latencyMs} ms per request`);
  console.log(`first cycle:  ${firstRequests} requests, ${firstMs.toFixed(0)} ms`);
  console.log(`steady cycle: ${steadyRequests} requests (minimum ${portalCount}: one per portal), ${steadyMs.toFixed(0)} ms`);
  console.log(`core heap:    ${(heapAfter - heapBefore).toFixed(1)} MB above the simulated portals (${heapAfter.toFixed(1)} MB in all)`);
  console.log(`notifications: ${notified()}`);

  await service.stop();
  await Promise.all(sims.map((sim) => sim.close()));
  await remove();
  await largePortals();
}

(values.serve ? serveScenario(values.serve) : values.large ? LARGE[values.large]!() : main()).catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
