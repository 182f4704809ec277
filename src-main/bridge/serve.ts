/**
 * `node out/main/bridge.js [--home DIR] [--port N]`: serves the window for a real home folder to a
 * browser on 127.0.0.1, for development and the Chromium tests. Never part of the packaged app.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultHome } from '../core/store/home';
import { serveThroughBridge } from './serve-service';

const { values } = parseArgs({ options: { home: { type: 'string' }, port: { type: 'string' } } });
const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');

serveThroughBridge({ home: values.home ?? defaultHome(), rendererDir, ...(values.port ? { port: Number(values.port) } : {}) })
  .then((served) => {
    console.log(served.url);
    const stop = () => void served.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: Error) => {
    console.error(`taskwatch bridge: ${error.message}`);
    process.exit(1);
  });
