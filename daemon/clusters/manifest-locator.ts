/**
 * Finds where a registered workspace declares a workload: the YAML files under the registered
 * folders are read with the analyzer's own parser and workload model (server/yaml,
 * server/workloads; no rules), and each Kubernetes workload is indexed by kind, namespace and
 * name with the line of its `kind:`. The index is rebuilt when it is older than `maxAgeMs`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ManifestLocation, WorkloadRef } from '../api/contract.ts';
import { isHelmTemplate, parseYaml } from '../../server/yaml/parse.ts';
import { readManifest } from '../../server/workloads/read-manifest.ts';

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.venv',
  'venv',
  '__pycache__',
  'dist',
  '.cache',
]);
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;

interface Declared {
  kind: string;
  namespace: string | undefined;
  name: string;
  location: ManifestLocation;
}

function yamlFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0 && files.length < MAX_FILES) {
    const directory = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) files.push(full);
    }
  }
  return files;
}

function declaredIn(file: string): Declared[] {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return [];
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    if (isHelmTemplate(uri, text)) return [];
    const manifest = readManifest(parseYaml(uri, text));
    return manifest.workloads
      .filter((w) => w.source === 'kubernetes')
      .map((w) => ({
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        location: { path: file, line: w.anchor.start.line + 1 },
      }));
  } catch {
    return [];
  }
}

export class ManifestLocator {
  readonly #folders: () => string[];
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #index: Declared[] = [];
  #builtAt = -Infinity;

  constructor(folders: () => string[], maxAgeMs = 30_000, now: () => number = Date.now) {
    this.#folders = folders;
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  /** The manifest that declares the workload; one naming the namespace wins over one that does not. */
  locate(workload: WorkloadRef): ManifestLocation | undefined {
    if (this.#now() - this.#builtAt > this.#maxAgeMs) {
      this.#index = this.#folders().flatMap((folder) => yamlFiles(folder).flatMap(declaredIn));
      this.#builtAt = this.#now();
    }
    const candidates = this.#index.filter((d) => d.kind === workload.kind && d.name === workload.name);
    return (
      candidates.find((d) => d.namespace === workload.namespace) ??
      candidates.find((d) => d.namespace === undefined)
    )?.location;
  }
}
