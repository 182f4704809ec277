/**
 * `npm run bench -- [--portals P] [--tasks T] [--latency MS]`: the core against P simulated portals with
 * T tasks each, every answer delayed by MS. Prints the requests per steady cycle (the incremental
 * strategy's goal: one per portal), first- and steady-cycle wall time, and the core's heap.
 * The keychain and notification service are not what is measured: an in-process store and a counter
 * stand in for them here (both are proven against the real services by the tests).
 */
import { parseArgs } from 'node:util';
import { createTaskwatchService } from '../core/service';
import { MemorySecretStore } from '../adapters/memory-secrets';
import { startSimulatedPortal, type SimulatedPortal } from '../sim/portal-server';
import type { SimTask } from '../sim/types';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchZoneInference } from './zone-inference';

const { values } = parseArgs({
  options: { portals: { type: 'string', default: '100' }, tasks: { type: 'string', default: '100' }, latency: { type: 'string', default: '20' } },
});
const portalCount = Number(values.portals);
const taskCount = Number(values.tasks);
const latencyMs = Number(values.latency);
const HOUR = 3_600_000;

function tasksFor(portal: number): SimTask[] {
  const now = Date.now();
  const lastHour = Math.floor(now / HOUR) * HOUR;
  return Array.from({ length: taskCount }, (_, index) => ({
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
const requestsSoFar = (sims: SimulatedPortal[]) => sims.reduce((sum, sim) => sum + sim.countRequests(), 0);

async function main() {
  benchZoneInference();
  const sims = await Promise.all(Array.from({ length: portalCount }, (_, portal) => startSimulatedPortal({ tasks: tasksFor(portal), latencyMs })));
  const home = await mkdtemp(join(tmpdir(), 'taskwatch-bench-'));
  const secrets = new MemorySecretStore();
  let notifications = 0;
  const heapBefore = heapMb();
  const service = await createTaskwatchService({ home, secrets, notifier: { notify: async () => void notifications++ } });
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
  console.log(`notifications: ${notifications}`);

  await service.stop();
  await Promise.all(sims.map((sim) => sim.close()));
  await rm(home, { recursive: true, force: true });
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
