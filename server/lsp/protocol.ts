/**
 * The language server's custom requests. The server owns them; clients import these constants
 * and types (no `vscode` import here, so any LSP client can use them).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range, Severity } from '../engine/types.ts';
import type { LensSettings } from './settings.ts';

/** What a client may pass as `initializationOptions`: any subset of the settings. */
export type InitializationOptions = Partial<LensSettings>;

export interface CheckWorkspaceParams {
  /** Limit the check to one workspace folder; all folders when absent. */
  readonly folderUri?: string;
}

export interface CheckWorkspaceResult {
  /** Files analysed (open editors with their unsaved text, the rest from disk). */
  readonly files: number;
  /** Problems per severity: findings and notes (parse errors, skips, config errors) together. */
  readonly counts: Readonly<Record<Severity, number>>;
  /** Files whose analysis threw; each also carries an `analysis-failed` diagnostic. */
  readonly failed: number;
}

/**
 * `mlopsLens/checkWorkspace`, sent by the client (the "Check workspace" command, status bar):
 * the server analyses every file of the workspace folders that it would report in
 * `workspace/diagnostic` and returns the number of problems per severity.
 */
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>(
  'mlopsLens/checkWorkspace',
);

/**
 * A live cluster's GPU facts, as the client learned them from the daemon (`mlops-lens daemon`'s
 * cluster and metrics routes). The GPU rules read it instead of the workspace `cluster` profile.
 */
export interface LiveClusterContext {
  /** The kubeconfig context name, for messages. */
  readonly name: string;
  /** `nvidia.com/gpu.product` values of the cluster's GPU nodes. */
  readonly gpuProducts: readonly string[];
  readonly migStrategy?: 'none' | 'single' | 'mixed';
  /** MIG profiles the nodes advertise (`1g.10gb`, `3g.40gb`, …). */
  readonly migProfiles: readonly string[];
  /** Free slices per MIG profile across the cluster. */
  readonly freeMigSlices: Readonly<Record<string, number>>;
  readonly timeSlicing?: { readonly replicas: number; readonly renamed: boolean };
  /** Observed peak GPU memory per workload, keyed `namespace/name` (MiB). */
  readonly peakGpuMemoryMiB: Readonly<Record<string, number>>;
}

export interface ClusterContextParams {
  /** `null`: no live cluster (none watched, or its data is stale); the workspace profile applies. */
  readonly cluster: LiveClusterContext | null;
}

/**
 * `mlopsLens/clusterContext`, sent by the client whenever the daemon's picture of the
 * workspace's cluster changes (and once it is first known): the server re-analyses open files
 * with it. A malformed payload is logged, naming the field, and the previous context kept.
 */
export const ClusterContextNotification = new NotificationType<ClusterContextParams>(
  'mlopsLens/clusterContext',
);

export interface ModelsOfFileParams {
  /** A Python file or notebook of the workspace (open or on disk). */
  readonly uri: string;
}

/** A registered model name the file names: `registered_model_name=`, `models:/<name>/…`. */
export interface FileRegisteredModel {
  readonly name: string;
  /** `save`: the file registers it (training); `load`: it loads it (serving). */
  readonly direction: 'save' | 'load';
  readonly range: Range;
}

/** A model or preprocessing artifact the file saves or loads, by its path as written. */
export interface FileModelArtifact {
  /** Normalised (`artifacts/model.joblib`), or a glob where parts are unknown. */
  readonly path: string;
  readonly direction: 'save' | 'load';
  /** `joblib`, `pickle`, `torch`, `mlflow.sklearn`, … */
  readonly library: string;
  readonly range: Range;
}

export interface ModelsOfFileResult {
  /** What the index made of the file; `unknown` when it is not in a Python index (yet). */
  readonly role: 'training' | 'serving' | 'both' | 'neither' | 'unknown';
  readonly registeredModels: readonly FileRegisteredModel[];
  readonly artifacts: readonly FileModelArtifact[];
  /** Why the lists are empty, for the user, when they are. */
  readonly reason?: string;
}

/**
 * `mlopsLens/modelsOfFile`, sent by the client (the "Show Lineage" command from an editor): the
 * models a training or serving file trains or serves, as the Python workspace index knows them
 * (the artifacts it saves or loads, the registered model names it uses). The client then finds
 * them in the daemon's registry and lineage.
 */
export const ModelsOfFileRequest = new RequestType<ModelsOfFileParams, ModelsOfFileResult, void>(
  'mlopsLens/modelsOfFile',
);
