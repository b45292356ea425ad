/**
 * What a click on a lineage node opens, decided from the node's attributes (as the daemon's
 * lineage route gives them) and the files of the workspace. No `vscode` import at run time, so
 * it is unit tested; lineage-opener.ts carries the decision out.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineageGraphNode } from '../../webviews/lineage/contract.ts';

export type LineageOpenTarget =
  /** A file of the workspace, at a 1-based line when one is known. */
  | { readonly kind: 'file'; readonly path: string; readonly line?: number }
  | { readonly kind: 'run'; readonly runId: string }
  | { readonly kind: 'model_version'; readonly name: string; readonly version: string }
  /** An artifact stored by the daemon (`mlflow-artifacts:/<path>`), to download. */
  | { readonly kind: 'artifact'; readonly artifactPath: string; readonly text: boolean }
  /** Nothing to open, and why (shown to the user). */
  | { readonly kind: 'nothing'; readonly reason: string };

/** Where files are looked up: the workspace folders, and whether a path names a file. */
export interface WorkspaceFiles {
  readonly folders: readonly string[];
  isFile(absolutePath: string): boolean;
}

const ARTIFACTS_SCHEME = 'mlflow-artifacts:';
/** Artifact names worth opening as text in an editor; anything else is saved where the user says. */
const TEXT_ARTIFACT =
  /\.(txt|lock|toml|ya?ml|json|cfg|ini|md|py|csv|conda|MLmodel)$|(^|\/)(MLmodel|requirements[^/]*)$/i;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** A path, `file:` URI or workspace-relative name that is a file of the workspace, absolute. */
export function workspaceFile(reference: string, files: WorkspaceFiles): string | undefined {
  let candidate = reference;
  if (candidate.startsWith('file:')) {
    try {
      candidate = fileURLToPath(candidate);
    } catch {
      return undefined;
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate) || candidate.startsWith(ARTIFACTS_SCHEME)) {
    return undefined;
  }
  if (path.isAbsolute(candidate)) {
    if (files.isFile(candidate)) return candidate;
    // A run logged on another machine: the same file under a folder of this workspace.
    const parts = candidate.split(path.sep).filter((p) => p !== '');
    for (let start = 1; start < parts.length; start++) {
      const found = workspaceFile(parts.slice(start).join('/'), files);
      if (found) return found;
    }
    return undefined;
  }
  for (const folder of files.folders) {
    const absolute = path.resolve(folder, candidate);
    if (!absolute.startsWith(path.resolve(folder) + path.sep)) continue;
    if (files.isFile(absolute)) return absolute;
  }
  return undefined;
}

function artifactTarget(uri: string): LineageOpenTarget | undefined {
  if (!uri.startsWith(ARTIFACTS_SCHEME)) return undefined;
  const artifactPath = uri.slice(ARTIFACTS_SCHEME.length).replace(/^\/+/, '');
  return artifactPath === ''
    ? undefined
    : { kind: 'artifact', artifactPath, text: TEXT_ARTIFACT.test(artifactPath) };
}

/**
 * The location in a dataset's MLflow `source` (`{"uri": "data/customers.csv"}`): a path relative
 * to where the run was started, which the daemon cannot resolve but the workspace can.
 */
function sourceLocation(source: unknown): string | undefined {
  if (typeof source !== 'string') return undefined;
  try {
    const parsed = JSON.parse(source) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const record = parsed as Record<string, unknown>;
    return [record.uri, record.path, record.url].map(text).find((v) => v !== undefined);
  } catch {
    return text(source);
  }
}

function lineOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function fileTarget(
  reference: string | undefined,
  files: WorkspaceFiles,
  line?: unknown,
): LineageOpenTarget | undefined {
  const found = reference === undefined ? undefined : workspaceFile(reference, files);
  if (!found) return undefined;
  const at = lineOf(line);
  return at === undefined ? { kind: 'file', path: found } : { kind: 'file', path: found, line: at };
}

/** The target of a click on `node`. */
export function openTargetOf(node: LineageGraphNode, files: WorkspaceFiles): LineageOpenTarget {
  const a = node.attributes;
  switch (node.type) {
    case 'run': {
      const runId = text(a.run_id) ?? node.id.replace(/^run:/, '');
      return { kind: 'run', runId };
    }
    case 'model_version': {
      const name = text(a.name);
      const version = text(a.version);
      return name && version
        ? { kind: 'model_version', name, version }
        : { kind: 'nothing', reason: `${node.label} names no registered model version.` };
    }
    case 'code':
      return (
        fileTarget(text(a.source_name), files, a.source_line) ?? {
          kind: 'nothing',
          reason: text(a.source_name)
            ? `${text(a.source_name)} (the source of commit ${node.label}) is not a file of this workspace.`
            : `Commit ${node.label} names no source file.`,
        }
      );
    case 'dataset':
      return (
        fileTarget(text(a.uri), files) ??
        fileTarget(sourceLocation(a.source), files) ?? {
          kind: 'nothing',
          reason:
            (text(a.uri) ?? sourceLocation(a.source))
              ? `Dataset ${node.label} is at ${text(a.uri) ?? sourceLocation(a.source)}, which is not a file of this workspace.`
              : `Dataset ${node.label} has no URI.`,
        }
      );
    case 'preprocessing':
    case 'environment': {
      for (const file of strings(a.workspace_files)) {
        const found = fileTarget(file, files);
        if (found) return found;
      }
      for (const uri of strings(a.uris)) {
        const artifact = artifactTarget(uri);
        if (artifact) return artifact;
      }
      return { kind: 'nothing', reason: `${node.label} is neither a workspace file nor a stored artifact.` };
    }
    case 'deployment':
      return { kind: 'nothing', reason: `Deployment ${node.label} has nothing to open yet.` };
    case 'drift_report':
    case 'alert':
      return {
        kind: 'nothing',
        reason: `${node.label} is shown in the drift dashboard of ${text(a.model_name) ?? 'its model'} v${text(a.model_version) ?? '?'} ("MLOps Lens: Show Drift Dashboard").`,
      };
    default: {
      const unreachable: never = node.type;
      return unreachable;
    }
  }
}
