/**
 * The daemon's HTTP API, as its clients (the extension, the CLI, tests) see it: one module per
 * area, re-exported here. Types and constants only.
 */
export * from './mlflow-contract.ts';
export * from './registry-contract.ts';
export * from './lineage-contract.ts';
export * from './event-contract.ts';
export * from './view-contract.ts';
export * from './cluster-contract.ts';
export * from './prometheus-contract.ts';
export * from './drift-contract.ts';
export * from './quality-contract.ts';
export * from './outcome-contract.ts';
export * from './alert-contract.ts';
export * from './deployment-contract.ts';
