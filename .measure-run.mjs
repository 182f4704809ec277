import { runnerImport } from 'vite';
await runnerImport(process.argv[2], { root: '/work/wt-slimsnapshot', configFile: false, logLevel: 'silent' });
