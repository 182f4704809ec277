/**
 * `npm run demo`: Taskwatch with no ArcGIS Enterprise at hand. Three simulated portals run their task
 * schedules live on 127.0.0.1; a separate demo home (never your real config) points at them; then the
 * desktop app opens on it. Where Electron cannot run (no binary, e.g. CI), the same window is served to
 * a browser through the test bridge instead.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../adapters/electron-binary';
import { serveThroughBridge } from '../bridge/serve-service';
import { startDemoPortals, DEMO_PASSWORD, DEMO_USER } from './demo-portals';

const outMain = dirname(fileURLToPath(import.meta.url));
const home = process.env.TASKWATCH_HOME ?? join(tmpdir(), 'taskwatch-demo');

async function main(): Promise<void> {
  const portals = await startDemoPortals();
  const bridge = await serveThroughBridge({ home, rendererDir: resolve(outMain, '../renderer') });
  for (const { scenario, portal } of portals) {
    const known = bridge.service.snapshot().portals.some((configured) => configured.url === portal.baseUrl);
    if (known) continue;
    await bridge.call('addPortal', { url: portal.baseUrl, username: DEMO_USER, password: DEMO_PASSWORD, label: scenario.label, timeZone: scenario.timeZone });
  }
  console.log(`Demo portals: ${portals.map(({ portal }) => portal.baseUrl).join(', ')} (user ${DEMO_USER}, password ${DEMO_PASSWORD})`);
  console.log(`Demo home: ${home}`);

  const electron = electronBinary();
  if (electron) {
    // The app owns the monitor; the bridge only set up the demo home.
    await bridge.close();
    const app = spawn(electron, [resolve(outMain, '../..')], { stdio: 'inherit', env: { ...process.env, TASKWATCH_HOME: home } });
    app.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log('Electron is not installed here, so the window is served to your browser instead:');
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
