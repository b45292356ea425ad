/**
 * The gate "no error diagnostics in the source files of the model's training and serving code".
 * The files are those the version's run names: its training script (`mlflow.source.name`, as
 * MLflow clients record it) and the serving code the version tag `mlops_lens.serving.code` lists
 * (comma-separated). A relative path is looked up in the registered workspace folders. The judging
 * is pure; running the analyzer is the caller's (see analyzer-process.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeploymentGate, ModelVersion } from '../api/contract.ts';
import type { TrackingStore } from '../store/tracking-store.ts';

/** The version tag that lists the serving code's files, comma-separated. */
export const SERVING_CODE_TAG = 'mlops_lens.serving.code';
export const TRAINING_SOURCE_TAG = 'mlflow.source.name';

/** One analyzer finding, one-based line. */
export interface CodeFinding {
  file: string;
  line: number;
  ruleId: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
}

/** Runs the analyzer on absolute file paths. */
export type CodeChecker = (files: readonly string[]) => Promise<CodeFinding[]>;

export interface ModelSourceFiles {
  /** Absolute paths of the files found on disk. */
  found: string[];
  /** Named by the run or the version but found nowhere. */
  missing: string[];
}

const isFile = (file: string): boolean => existsSync(file) && statSync(file).isFile();

export function modelSourceFiles(store: TrackingStore, version: ModelVersion): ModelSourceFiles {
  const named: string[] = [];
  if (version.run_id) {
    const source = store.getRun(version.run_id).data.tags.find((t) => t.key === TRAINING_SOURCE_TAG)?.value;
    if (source && /\.(py|ipynb)$/.test(source)) named.push(source);
  }
  const serving = version.tags.find((t) => t.key === SERVING_CODE_TAG)?.value ?? '';
  named.push(
    ...serving
      .split(',')
      .map((file) => file.trim())
      .filter((file) => file !== ''),
  );
  const folders = store.read(() => store.workspaces.folders()).map((folder) => folder.path);
  const found: string[] = [];
  const missing: string[] = [];
  for (const file of new Set(named)) {
    const candidates = path.isAbsolute(file) ? [file] : folders.map((folder) => path.join(folder, file));
    const hit = candidates.find(isFile);
    if (hit) found.push(hit);
    else missing.push(file);
  }
  return { found: [...new Set(found)], missing };
}

export function codeDiagnosticsGate(
  files: ModelSourceFiles,
  findings: readonly CodeFinding[],
): DeploymentGate {
  const missing = files.missing.length > 0 ? `; not found: ${files.missing.join(', ')}` : '';
  if (files.found.length === 0)
    return {
      id: 'code-diagnostics',
      status: 'not-checked',
      message: `no training or serving source file to check (the run's ${TRAINING_SOURCE_TAG}, the version tag ${SERVING_CODE_TAG})${missing}`,
    };
  const errors = findings.filter((f) => f.severity === 'error');
  const checked = `${files.found.length} file${files.found.length === 1 ? '' : 's'} checked`;
  if (errors.length === 0)
    return {
      id: 'code-diagnostics',
      status: 'passed',
      message: `no error diagnostics: ${checked}${missing}`,
    };
  const listed = errors.slice(0, 10).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
  const more = errors.length > 10 ? `, and ${errors.length - 10} more` : '';
  return {
    id: 'code-diagnostics',
    status: 'failed',
    message: `${errors.length} error diagnostic${errors.length === 1 ? '' : 's'} in the model's code: ${listed.join(', ')}${more} (${checked}${missing})`,
  };
}

/** Finds the version's source files, runs the checker on them and judges; an analyzer that cannot run fails the gate. */
export async function checkModelCode(
  store: TrackingStore,
  version: ModelVersion,
  checker: CodeChecker,
): Promise<DeploymentGate> {
  const files = modelSourceFiles(store, version);
  if (files.found.length === 0) return codeDiagnosticsGate(files, []);
  try {
    return codeDiagnosticsGate(files, await checker(files.found));
  } catch (error) {
    return {
      id: 'code-diagnostics',
      status: 'failed',
      message: `the model's code could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
