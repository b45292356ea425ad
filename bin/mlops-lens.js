#!/usr/bin/env node
// One bin, two bundles: the analyzer CLI never loads the daemon's native SQLite module.
const daemonCommands = new Set([
  'daemon',
  'runs',
  'models',
  'lineage',
  'drift',
  'deploy',
  'ab',
  'recommend',
  'scorecard',
]);
const command = process.argv[2];

// The daemon runs with a capped young generation: a cluster watcher's initial list of 150,000
// pods otherwise grows V8's semi-spaces to their maximum and never gives the memory back
// (docs/clusters.md). The flag only works at startup, so the process replaces itself once with
// it (same pid) when nobody passed it; where replacing is not possible it runs as it is.
const SEMI_SPACE_FLAG = '--max-semi-space-size=8';
const hasSemiSpaceFlag =
  process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size')) ||
  (process.env.NODE_OPTIONS ?? '').includes('--max-semi-space-size');
if (
  command === 'daemon' &&
  !hasSemiSpaceFlag &&
  typeof process.execve === 'function' &&
  process.platform !== 'win32'
) {
  process.execve(
    process.execPath,
    [process.execPath, SEMI_SPACE_FLAG, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
}

const bundle = command !== undefined && daemonCommands.has(command) ? 'daemon.js' : 'cli.js';
await import(new URL(`../dist/${bundle}`, import.meta.url).href);
