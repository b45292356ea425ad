/**
 * `mlops-lens daemon`: takes the data directory's lock, opens the store, serves the HTTP API
 * on loopback, announces itself (stdout line, token, discovery file) and shuts down cleanly
 * on SIGTERM or SIGINT.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { SampleFolderImporter } from '../drift/sample-folder-importer.ts';
import { LABELS_FOLDER, labelFolderLines } from '../outcomes/label-folder-lines.ts';
import { GPU_PRICES_FILE } from '../cost/gpu-price-table.ts';
import { createDaemonApp } from '../http/daemon-app.ts';
import { ConnectionDrain } from '../http/connection-drain.ts';
import { ChangeFeed } from '../http/events/change-feed.ts';
import { WorkspaceWatcher } from '../importers/workspace-watcher.ts';
import { createFileLogger } from '../log/logger.ts';
import { ArtifactBlobs } from '../store/artifact-blobs.ts';
import { DatabaseOpenError } from '../store/database-errors.ts';
import { openTrackingStore } from '../store/tracking-store.ts';
import { exitIfStillHeld, stopServing } from './daemon-shutdown.ts';
import { loadOrCreateToken, readDiscovery, removeDiscovery, writeDiscovery } from './daemon-files.ts';
import { LOOPBACK_ADDRESSES, type DaemonOptions } from './daemon-options.ts';
import { acquireInstanceLock } from './instance-lock.ts';

/** The folder under the data dir whose *.jsonl files are imported as production samples. */
export const SAMPLES_FOLDER = 'samples';

export const DATABASE_FILE = 'tracking.db';
export const LOG_FILE = 'daemon.log';

export interface ProcessOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Resolves with the exit code once the daemon stopped (or could not start). */
export async function runDaemon(options: DaemonOptions, output: ProcessOutput): Promise<number> {
  const { dataDir } = options;
  // Everything the daemon writes (database, artifacts, log, token) is private to the user.
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireInstanceLock(dataDir);
  if (lock === undefined) {
    const running = readDiscovery(dataDir);
    const where = running === undefined ? '' : ` (pid ${running.pid}, ${running.url})`;
    output.err(`mlops-lens daemon: another daemon is already running for ${dataDir}${where}.`);
    return 1;
  }
  const logger = createFileLogger(path.join(dataDir, LOG_FILE));
  const token = loadOrCreateToken(dataDir);
  logger.addSecret(token);

  let store;
  try {
    store = openTrackingStore({ dbPath: path.join(dataDir, DATABASE_FILE) });
  } catch (error) {
    const message = error instanceof DatabaseOpenError ? error.message : String(error);
    logger.error('cannot open the database', { error });
    output.err(`mlops-lens daemon: ${message}`);
    logger.close();
    lock.release();
    return 1;
  }
  if (store.migration.from !== store.migration.to) {
    logger.info('database migrated', { ...store.migration });
  }

  const loopback = LOOPBACK_ADDRESSES.includes(options.host);
  if (!loopback) {
    const warning =
      `warning: listening on ${options.host}, not loopback. Anyone who can reach this address and ` +
      'holds the token can read and write your runs.';
    output.err(`mlops-lens daemon: ${warning}`);
    logger.warn(warning);
  }
  const blobs = new ArtifactBlobs(path.join(dataDir, 'artifacts'));
  const sweep = blobs.sweep((sha256) => store.read(() => store.artifacts.isReferenced(sha256)));
  if (sweep.removed > 0) logger.info('removed unreferenced artifact files', sweep);
  const changeFeed = new ChangeFeed();
  const importers = new WorkspaceWatcher({ store, logger, changes: changeFeed });
  const watchFolders = (folders: string[]): void => {
    importers
      .watch(folders)
      .catch((error: unknown) => logger.error('cannot watch workspace folders', { error }));
  };
  const app = await createDaemonApp({
    onWorkspacesRegistered: watchFolders,
    changeFeed,
    store,
    blobs,
    token,
    logger,
    extraHostnames: loopback ? [] : [options.host],
    provenanceGate: options.provenanceGate,
    gpuPricesFile: path.join(dataDir, GPU_PRICES_FILE),
  });
  const drain = new ConnectionDrain(app.server);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const detail =
      code === 'EADDRINUSE'
        ? `port ${options.port} is already in use; pass --port 0 or another port`
        : String(error);
    output.err(`mlops-lens daemon: cannot listen on ${options.host}:${options.port}: ${detail}.`);
    logger.error('cannot listen', { error });
    await app.close();
    store.close();
    logger.close();
    lock.release();
    return 1;
  }
  const port = (app.server.address() as AddressInfo).port;
  // A wildcard address serves loopback too; ::1 alone does not serve 127.0.0.1.
  const urlHost =
    options.host === '::1'
      ? '::1'
      : loopback || options.host === '0.0.0.0' || options.host === '::'
        ? '127.0.0.1'
        : options.host;
  const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`;
  writeDiscovery(dataDir, {
    url,
    pid: process.pid,
    version: packageJson.version,
    startedAt: new Date().toISOString(),
  });
  logger.info('daemon ready', { url, dataDir, version: packageJson.version, pid: process.pid });
  output.out(`mlops-lens daemon ${packageJson.version} listening on ${url} (data dir ${dataDir})`);
  watchFolders(store.read(() => store.workspaces.folders()).map((folder) => folder.path));
  // Production samples written as *.jsonl into <data dir>/samples are imported as they land.
  const samplesFolder = path.join(dataDir, SAMPLES_FOLDER);
  mkdirSync(samplesFolder, { recursive: true, mode: 0o700 });
  const samples = new SampleFolderImporter({ store, logger, folder: samplesFolder });
  samples.start().catch((error: unknown) => logger.error('cannot watch the samples folder', { error }));
  // Delayed labels written as *.jsonl into <data dir>/labels are imported the same way.
  const labelsFolder = path.join(dataDir, LABELS_FOLDER);
  mkdirSync(labelsFolder, { recursive: true, mode: 0o700 });
  const labels = new SampleFolderImporter({ store, logger, folder: labelsFolder, lines: labelFolderLines() });
  labels.start().catch((error: unknown) => logger.error('cannot watch the labels folder', { error }));

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      logger.info('shutting down', { signal });
      void Promise.all([
        stopServing({ app, drain, importers, logger, deadlineMs: options.shutdownTimeoutMs }),
        samples.close(),
        labels.close(),
      ]).then(([{ forced, failed }]) => {
        let code = failed ? 1 : 0;
        try {
          store.close();
        } catch (error) {
          logger.error('cannot close the database', { error });
          code = 1;
        }
        removeDiscovery(dataDir, process.pid);
        logger.info('stopped', { forced });
        logger.close();
        lock.release();
        exitIfStillHeld(code, (line) => output.err(`mlops-lens daemon: ${line}`));
        resolve(code);
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
