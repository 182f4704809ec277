// Entry point under construction (see electron.vite.config.ts).
export {};
