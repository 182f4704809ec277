// Checks build/electron-builder.yml against electron-builder's own schema, without packaging anything
// (packaging needs the Electron binary and headers, which this machine cannot download).
// Usage: node build/validate-config.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');

const config = yaml.load(readFileSync(new URL('./electron-builder.yml', import.meta.url), 'utf8'));
await validateConfiguration(config, { isEnabled: false, add() {} });
console.log('build/electron-builder.yml matches the electron-builder schema.');
