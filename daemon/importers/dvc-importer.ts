/**
 * Records DVC outputs as dataset versions and links them to the runs that read them.
 *
 * `dvc.lock` (`stages.<name>.outs`) and `*.dvc` files (`outs`) list outputs as
 * `{path, md5 | hash: md5 + md5, size}`, paths relative to the file. Each becomes a
 * `dvc_outputs` row (name = path relative to the workspace folder, digest = md5). A run reads a
 * path when one of its logged datasets names it (name or source) or one of its tags does; such a
 * run gets the dataset input `<path>@<md5>` (source type `dvc`), so lineage shows
 * `dataset:<path>@<md5>`. A run is linked to the version current when it is first seen and is
 * not moved to later versions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Logger } from '../log/logger.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import type { DvcOutput } from '../store/workspace-records.ts';

export function isDvcFile(file: string): boolean {
  const base = path.basename(file);
  return base === 'dvc.lock' || (base.endsWith('.dvc') && base.length > '.dvc'.length);
}

function outsOf(document: unknown, isLock: boolean): unknown[] {
  if (document === null || typeof document !== 'object') return [];
  const record = document as Record<string, unknown>;
  if (!isLock) return Array.isArray(record.outs) ? record.outs : [];
  const stages = record.stages;
  if (stages === null || typeof stages !== 'object') return [];
  return Object.values(stages as Record<string, unknown>).flatMap((stage) =>
    stage !== null && typeof stage === 'object' && Array.isArray((stage as Record<string, unknown>).outs)
      ? ((stage as Record<string, unknown>).outs as unknown[])
      : [],
  );
}

/** The outputs a DVC file declares; undefined (and a log line) when it cannot be read. */
export function readDvcOutputs(folder: string, file: string, logger: Logger): DvcOutput[] | undefined {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    logger.warn('DVC import skipped a file', {
      file,
      reason: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
  const outputs: DvcOutput[] = [];
  for (const out of outsOf(document, path.basename(file) === 'dvc.lock')) {
    if (out === null || typeof out !== 'object') continue;
    const entry = out as Record<string, unknown>;
    const md5 = entry.md5;
    if (typeof entry.path !== 'string' || typeof md5 !== 'string' || !/^[0-9a-f]{32}(\.dir)?$/.test(md5)) {
      logger.warn('DVC import skipped an output', { file, reason: 'no path or md5' });
      continue;
    }
    const absolute = path.resolve(path.dirname(file), entry.path);
    const relative = path.relative(folder, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      logger.warn('DVC import skipped an output', { file, reason: 'path outside the workspace folder' });
      continue;
    }
    outputs.push({
      folder,
      path: relative.split(path.sep).join('/'),
      md5,
      size: typeof entry.size === 'number' && Number.isSafeInteger(entry.size) ? entry.size : null,
      sourceFile: file,
    });
  }
  return outputs;
}

/** Records a DVC file's outputs and links them; returns how many runs got a new dataset input. */
export function importDvcFile(store: TrackingStore, folder: string, file: string, logger: Logger): number {
  const outputs = readDvcOutputs(folder, file, logger);
  if (outputs === undefined) return 0;
  store.write(() => {
    for (const output of outputs) store.workspaces.recordDvcOutput(output);
  });
  return linkDvcOutputs(store, outputs);
}

/** Links each output to the runs that read its path and have no DVC version of it yet. */
export function linkDvcOutputs(store: TrackingStore, outputs: readonly DvcOutput[]): number {
  return store.write(() => {
    let linked = 0;
    for (const output of outputs) {
      for (const run of store.workspaces.runsReadingPath(output.folder, output.path)) {
        store.logInputs(run.runId, [
          {
            dataset: {
              name: output.path,
              digest: output.md5,
              source_type: 'dvc',
              source: JSON.stringify({ path: path.join(output.folder, output.path) }),
            },
            tags: [{ key: 'mlflow.data.context', value: 'dvc' }],
          },
        ]);
        linked += 1;
      }
    }
    return linked;
  });
}

/** The newest recorded version of each DVC path in the folder. */
export function currentDvcOutputs(store: TrackingStore, folder: string): DvcOutput[] {
  const byPath = new Map<string, DvcOutput>();
  for (const output of store.read(() => store.workspaces.dvcOutputs(folder))) byPath.set(output.path, output);
  return [...byPath.values()];
}
