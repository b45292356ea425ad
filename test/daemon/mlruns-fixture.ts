/**
 * Writes an MLflow file store (`mlruns/`) laid out exactly as MLflow's FileStore writes it, and
 * waits on a workspace watcher's import events.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceWatcher } from '../../daemon/importers/workspace-watcher.ts';

export const T0 = 1_700_000_000_000;

export function writeExperiment(mlruns: string, id: string, name: string): string {
  const dir = path.join(mlruns, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'meta.yaml'),
    `artifact_location: file://${dir}\ncreation_time: ${T0}\nexperiment_id: '${id}'\n` +
      `last_update_time: ${T0}\nlifecycle_stage: active\nname: ${name}\n`,
  );
  return dir;
}

export interface FixtureRun {
  runId: string;
  runName: string;
  status?: number;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** key -> lines `timestamp value step` */
  metrics?: Record<string, string[]>;
}

export function writeRun(experimentDir: string, run: FixtureRun): string {
  const dir = path.join(experimentDir, run.runId);
  for (const sub of ['metrics', 'params', 'tags', 'artifacts'])
    mkdirSync(path.join(dir, sub), { recursive: true });
  const experimentId = path.basename(experimentDir);
  writeFileSync(
    path.join(dir, 'meta.yaml'),
    `artifact_uri: file://${dir}/artifacts\nend_time: ${T0 + 60_000}\nentry_point_name: ''\n` +
      `experiment_id: '${experimentId}'\nlifecycle_stage: active\nrun_id: ${run.runId}\n` +
      `run_name: ${run.runName}\nrun_uuid: ${run.runId}\nsource_name: ''\nsource_type: 4\n` +
      `source_version: ''\nstart_time: ${T0}\nstatus: ${run.status ?? 3}\ntags: []\nuser_id: alice\n`,
  );
  const write = (sub: string, key: string, text: string): void => {
    const file = path.join(dir, sub, key);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  for (const [key, value] of Object.entries(run.params ?? {})) write('params', key, value);
  for (const [key, value] of Object.entries({ 'mlflow.runName': run.runName, ...run.tags }))
    write('tags', key, value);
  for (const [key, lines] of Object.entries(run.metrics ?? {}))
    write('metrics', key, lines.map((line) => `${line}\n`).join(''));
  return dir;
}

export function appendMetricText(runDir: string, key: string, text: string): void {
  appendFileSync(path.join(runDir, 'metrics', key), text);
}

/** Resolves once `check()` holds, checking now and after each import the watcher reports. */
export function waitUntil(
  watcher: WorkspaceWatcher,
  check: () => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const holds = (): boolean => {
      try {
        return check();
      } catch {
        return false;
      }
    };
    const onImported = (): void => {
      if (!holds()) return;
      clearTimeout(timer);
      watcher.off('imported', onImported);
      resolve();
    };
    const timer = setTimeout(() => {
      watcher.off('imported', onImported);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    watcher.on('imported', onImported);
    onImported();
  });
}
