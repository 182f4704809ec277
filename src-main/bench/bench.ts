/**
 * `npm run bench -- [--portals P] [--tasks T] [--fleet-latency MS] [--per-portal N] [--latency MS] [--skip-large]`.
 * First a fleet: P simulated portals over HTTPS (default 300) with T tasks each (default 200), every
 * answer delayed by --fleet-latency (default 50 ms), N requests in flight per portal (default 4), served
 * by a child process: first- and steady-cycle wall time against the bound, requests and connections
 * opened per cycle, and the core's RSS (at its peak: how much of it was V8's heap). Then the same first
 * cycle with Node's https alone (transport-floor.ts): the floor of this machine and stack.
 * Then two large portals, each served by a simulator in a child process so that the memory printed is the
 * core's alone (answers delayed by --latency, default 20 ms): one task with 50,000 runs on a server that
 * ignores paging (a cycle after the task moved reads them all), and 5,000 tasks (first and steady cycle).
 * Goals: a cycle within 1 s, RSS within 150 MB.
 * The keychain and notification service are not what is measured: an in-process store and a counter
 * stand in for them here (both are proven against the real services by the tests).
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DEFAULT_CONNECTIONS_PER_PORTAL, PortalClient } from '../core/portal';
import { createTaskwatchService, type TaskwatchService } from '../core/service';
import { MemorySecretStore } from '../adapters/memory-secrets';
import type { SimulatedPortalOptions } from '../sim/portal-server';
import { startSimulatedPortal } from '../sim/portal-server';
import type { SimTask } from '../sim/types';
import { mapLimited } from '../core/monitor/limiter';
import { hourlyTasks, remoteFleet, serveFleet } from './fleet';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { benchZoneInference } from './zone-inference';
import { transportFloor } from './transport-floor';
import { trackPeakRss } from './peak-rss';

const { values } = parseArgs({
  options: {
    portals: { type: 'string', default: '300' },
    tasks: { type: 'string', default: '200' },
    /** Latency of the fleet's portals. */
    'fleet-latency': { type: 'string', default: '50' },
    /** Latency of the large portals. */
    latency: { type: 'string', default: '20' },
    /** Internal: serve one large scenario from this (child) process. */
    serve: { type: 'string' },
    /** Internal: measure one large scenario in this (child) process. */
    large: { type: 'string' },
    /** Internal: measure the fleet's cycles in this (child) process. */
    'fleet-cycles': { type: 'boolean', default: false },
    /** Internal: measure the transport floor of the fleet's first cycle in this (child) process. */
    'fleet-floor': { type: 'boolean', default: false },
    /** Internal: serve the fleet of portals from this (child) process. */
    fleet: { type: 'boolean', default: false },
    /** Requests in flight at once to one portal of the fleet. */
    'per-portal': { type: 'string', default: String(DEFAULT_CONNECTIONS_PER_PORTAL) },
    /** Writes a CPU profile of each fleet cycle into this folder (first.cpuprofile, steady-1.cpuprofile...). */
    profile: { type: 'string' },
    /** Writes a heap snapshot of the fleet's core after its cycles into this file (where the memory goes). */
    'heap-snapshot': { type: 'string' },
    /** Only the fleet, not the large portals. */
    'skip-large': { type: 'boolean', default: false },
  },
});
const portalCount = Number(values.portals);
const taskCount = Number(values.tasks);
const latencyMs = Number(values.latency);
const fleetLatencyMs = Number(values['fleet-latency']);
const HOUR = 3_600_000;

/** A service with a scratch home, an in-process secret store and a notification counter. */
async function startService(requestsPerPortal?: number) {
  const home = await mkdtemp(join(tmpdir(), 'taskwatch-bench-'));
  const secrets = new MemorySecretStore();
  let notifications = 0;
  const service = await createTaskwatchService({ home, secrets, requestsPerPortal, notifier: { notify: async () => void notifications++ } });
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
  tasks: () => ({ tasks: hourlyTasks(0, 5_000) }),
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
  // The answer read alone, in a process of its own, so that the cycles below owe it no memory.
  'runs-answer': () =>
    withLargePortal('runs', async (_service, portal) => {
      const client = new PortalClient(
        { baseUrl: portal.baseUrl, adminUrl: `${portal.baseUrl}/admin`, username: 'admin', timeZone: 'UTC', fingerprint: null },
        { getPassword: async () => 'admin-password' },
      );
      await measured('50,000 runs, answer read alone', async () => `${(await client.listRuns(BIG_TASK, { start: 0, num: 10 })).runs.length} runs`);
    }),
  runs: () =>
    withLargePortal('runs', async (service, portal, notified) => {
      const cycle = async () => {
        await service.pollOnce();
        return `${notified()} notifications`;
      };
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

/** Runs one measurement (`--large <name>` or `--fleet-cycles`) in a new process, so that its RSS owes nothing to what ran before. */
function inFreshProcess(what: string[]): Promise<void> {
  const child = fork(process.argv[1]!, [...process.argv.slice(2), ...what], { execArgv: ['--expose-gc'] });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the ${what.join(' ')} measurement failed`)))));
}

async function largePortals(): Promise<void> {
  console.log(`\nlarge portals (core and simulator each in a fresh process; goal: cycle <= 1000 ms, RSS <= 150 MB)`);
  for (const name of Object.keys(LARGE)) await inFreshProcess(['--large', name]);
}

/** Steady cycles measured after the first; the median is printed (one cycle on a shared machine says little). */
const STEADY_CYCLES = 3;

/** Requests in flight to one portal: the bound below assumes every portal is polled at once, this many in flight each. */
const PER_PORTAL = Number(values['per-portal']);

/** The fleet of --portals simulated portals with --tasks tasks each, served by a child process. */
const startFleet = () => remoteFleet(process.argv[1]!, ['--fleet', '--portals', String(portalCount), '--tasks', String(taskCount)]);

/**
 * The fleet: P portals over HTTPS, each request delayed by the latency. The bound of the first cycle is
 * each portal's own sequence: token and task list one after the other, then its runs PER_PORTAL at a time.
 */
async function fleetCycles(): Promise<void> {
  if (values.profile) await mkdir(values.profile, { recursive: true });
  const fleet = await startFleet();
  const { service, notified, remove } = await startService(PER_PORTAL);
  // Adding is not measured: the portals are added without latency, a few at a time.
  await mapLimited(fleet.baseUrls, 16, (url) =>
    service.handlers.addPortal({ url, username: 'admin', password: 'admin-password', fingerprint: fleet.fingerprint }),
  );
  await fleet.setLatency(fleetLatencyMs);
  const rssBefore = process.memoryUsage().rss;
  const peak = trackPeakRss();

  const cycle = async (name: string) => {
    globalThis.gc?.(); // each cycle pays for its own garbage, not the last one's
    await fleet.clear();
    const profiler = values.profile ? await startProfiler() : null;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await service.pollOnce();
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler) await writeFile(join(values.profile!, `${name}.cpuprofile`), JSON.stringify(await profiler.stop()));
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, ...(await fleet.counts()) };
  };
  const first = await cycle('first');
  const steadies = [];
  for (let i = 1; i <= STEADY_CYCLES; i++) steadies.push(await cycle(`steady-${i}`));
  const steady = [...steadies].sort((a, b) => a.ms - b.ms)[Math.floor(STEADY_CYCLES / 2)]!;
  peak.stop();
  if (values['heap-snapshot']) {
    globalThis.gc?.();
    writeHeapSnapshot(values['heap-snapshot']);
  }
  const tasks = service.snapshot().tasks.length;

  const runsPerPortal = Math.max(0, first.requests / portalCount - 2);
  const boundMs = (2 + Math.ceil(runsPerPortal / PER_PORTAL)) * fleetLatencyMs;
  const line = (label: string, c: typeof first, goal: string) =>
    console.log(
      `${label.padEnd(14)} ${c.ms.toFixed(0).padStart(6)} ms (cpu ${c.cpuMs.toFixed(0)} ms, simulator ${c.simCpuMs.toFixed(0)} ms)  ${String(c.requests).padStart(6)} requests  ${String(c.connections).padStart(6)} connections opened (${c.resumed} TLS resumed)  ${goal}`,
    );
  console.log(`\nfleet: ${portalCount} portals x ${taskCount} tasks over HTTPS (pinned certificate), ${fleetLatencyMs} ms latency; ${tasks} tasks seen`);
  line('first cycle', first, `bound ${boundMs} ms (every portal at once, ${PER_PORTAL} in flight each); goal <= ${2 * boundMs} ms`);
  const each = steadies.map((c) => `${c.ms.toFixed(0)}/${c.cpuMs.toFixed(0)}`).join(', ');
  line('steady cycle', steady, `median of ${STEADY_CYCLES} (wall/cpu ms: ${each}); goal <= 300 ms, ~0 connections`);
  console.log(
    `core RSS       ${mb(rssBefore)} MB before the first cycle, peak ${mb(peak.bytes)} MB (goal <= 250 MB; at the peak V8's heap held ${mb(peak.heap.total_physical_size)} MB, ${mb(peak.heap.used_heap_size)} in use); notifications ${notified()}`,
  );
  globalThis.gc?.();
  const settled = process.memoryUsage();
  console.log(`core after the cycles, collected: RSS ${mb(settled.rss)} MB, heap used ${mb(settled.heapUsed)} of ${mb(settled.heapTotal)} MB, external ${mb(settled.external)} MB`);

  await service.stop();
  await fleet.stop();
  await remove();
}

/** The fleet's first cycle with Node's HTTPS alone (transport-floor.ts), in a process of its own: what the core's numbers are read against. */
async function fleetFloor(): Promise<void> {
  const fleet = await startFleet();
  await fleet.setLatency(fleetLatencyMs);
  const floor = await transportFloor(fleet, PER_PORTAL);
  console.log(
    `transport floor ${floor.ms.toFixed(0).padStart(5)} ms (cpu ${floor.cpuMs.toFixed(0)} ms, simulator ${floor.simCpuMs.toFixed(0)} ms)  ${String(floor.requests).padStart(6)} requests  ${String(floor.connections).padStart(6)} connections opened  ` +
      `RSS peak ${mb(floor.peakRssBytes)} MB: the first cycle's requests with Node's https alone (inflated and parsed, nothing checked or kept)`,
  );
  await fleet.stop();
}

/** The inspector's CPU profiler around one cycle (`--profile`), for what `node --cpu-prof` cannot isolate. */
async function startProfiler(): Promise<{ stop(): Promise<object> }> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<object>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result ?? {}))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      session.disconnect();
      return profile;
    },
  };
}

async function main() {
  benchZoneInference();
  await inFreshProcess(['--fleet-cycles']);
  await inFreshProcess(['--fleet-floor']);
  if (!values['skip-large']) await largePortals();
}

(values.fleet
  ? serveFleet(portalCount, taskCount)
  : values.serve
    ? serveScenario(values.serve)
    : values.large
      ? LARGE[values.large]!()
      : values['fleet-cycles']
        ? fleetCycles()
        : values['fleet-floor']
          ? fleetFloor()
          : main()
).catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
