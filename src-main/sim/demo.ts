/**
 * `npm run demo`: Taskwatch with no ArcGIS Enterprise at hand and nothing of the machine's own: three
 * simulated portals run their task schedules live on 127.0.0.1, a demo home in the temporary folder (never
 * your config; rewritten on every run) points at them, and their passwords (not secrets) stay in memory, so
 * no OS keychain or D-Bus is needed. The desktop app opens where Electron can show a window; elsewhere the
 * same window is served to a browser and its address printed.
 */
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronUnavailableReason, launchElectronApp } from '../adapters/electron-binary';
import { DEMO_PASSWORDS_ENV, MemorySecretStore } from '../adapters/memory-secrets';
import { serveThroughBridge } from '../bridge/serve-service';
import { startDemoPortals, DEMO_PASSWORD, DEMO_USER } from './demo-portals';

const outMain = dirname(fileURLToPath(import.meta.url));
const home = join(tmpdir(), 'taskwatch-demo');

async function main(): Promise<void> {
  // A fresh home each run: state from an earlier run would point at passwords that died with it.
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true, mode: 0o700 });
  const portals = await startDemoPortals();
  const bridge = await serveThroughBridge({ home, rendererDir: resolve(outMain, '../renderer'), secrets: new MemorySecretStore() });
  const passwords: Record<string, string> = {};
  for (const { scenario, portal } of portals) {
    const added = await bridge.call('addPortal', { url: portal.baseUrl, username: DEMO_USER, password: DEMO_PASSWORD, label: scenario.label, timeZone: scenario.timeZone });
    passwords[added.id] = DEMO_PASSWORD;
  }
  console.log(`Demo portals: ${portals.map(({ portal }) => portal.baseUrl).join(', ')} (user ${DEMO_USER}, password ${DEMO_PASSWORD})`);
  console.log(`Demo home: ${home}`);

  const unavailable = electronUnavailableReason();
  if (!unavailable) {
    // The app owns the monitor; the bridge only set up the demo home.
    await bridge.close();
    const app = launchElectronApp(resolve(outMain, '../..'), { ...process.env, TASKWATCH_HOME: home, [DEMO_PASSWORDS_ENV]: JSON.stringify(passwords) });
    app.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(`The desktop app cannot open here: ${unavailable}. Open the same window in your browser instead:`);
  console.log(`  ${bridge.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await bridge.close();
    await Promise.all(portals.map(({ portal }) => portal.close()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`taskwatch demo: ${error.message}`);
  process.exit(1);
});
