#!/usr/bin/env node
// One bin, two bundles: the analyzer CLI never loads the daemon's native SQLite module.
const daemonCommands = new Set(['daemon', 'runs', 'models', 'lineage']);
const command = process.argv[2];
const bundle = command !== undefined && daemonCommands.has(command) ? 'daemon.js' : 'cli.js';
await import(new URL(`../dist/${bundle}`, import.meta.url).href);
