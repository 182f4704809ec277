// The large estate's simulated portal in a process of its own, for ui-bench.mjs: a real portal's work
// (building and compressing its answers) is not done on Taskwatch's event loop, so it must not be here.
// Started with fork(); says {baseUrl} when listening; takes {addRuns: [taskId, runs]} and 'stop'.
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

const [taskCount, historyRuns] = process.argv.slice(2).map(Number);
const root = resolve(import.meta.dirname, '../..');
const load = async (file) => (await runnerImport(resolve(root, file), { root, configFile: false, logLevel: 'silent' })).module;
const [{ largeEstate }, { startSimulatedPortal }] = await Promise.all([load('test/renderer/large-estate.ts'), load('src-main/sim/index.ts')]);

const sim = await startSimulatedPortal({ host: '127.0.0.1', tasks: largeEstate(taskCount, historyRuns) });
process.on('message', async (message) => {
  if (message === 'stop') {
    await sim.close();
    process.exit(0);
  }
  sim.addRuns(...message.addRuns);
  process.send({ added: true });
});
process.send({ baseUrl: sim.baseUrl });
