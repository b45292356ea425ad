/**
 * The daemon's own routes, and those for the model registry: alias rollback, the audit trail,
 * the model card metadata and the provenance gate. Types and constants only.
 */
import type { ModelVersion, RegistryAuditEntry } from './mlflow-contract.ts';

/** The daemon's own (non-MLflow) routes live under this prefix. */
export const NATIVE_API_PREFIX = '/api/mlops-lens/v1';

/** POST `${NATIVE_API_PREFIX}/registry/aliases/rollback`: move an alias back to its previous version. */
export interface RollbackAliasRequest {
  name: string;
  alias: string;
}

export interface RollbackAliasResponse {
  /** The version the alias points to now. */
  model_version: ModelVersion;
  /** The version it pointed to before the rollback. */
  rolled_back_from: string;
}

/** GET `${NATIVE_API_PREFIX}/registry/audit?name=…`: the model's alias and stage changes, oldest first. */
export interface RegistryAuditResponse {
  entries: RegistryAuditEntry[];
}

/**
 * GET `${NATIVE_API_PREFIX}/registry/aliases/at?name=…&alias=…&time=…`: which version the alias
 * pointed to at `time` (epoch milliseconds), from the audit log; null when it pointed nowhere.
 */
export interface AliasAtTimeResponse {
  name: string;
  alias: string;
  time: number;
  version: string | null;
}

/** One input or output of a model signature (a column or a tensor). */
export interface TensorSpec {
  name: string;
  type: string;
  /** Dimensions; -1 for a variable one (such as the batch). */
  shape?: number[];
}

/** DESIGN's `ModelRegistryMetadata` (server/registry/model-registry-metadata.schema.json). */
export interface ModelRegistryMetadata {
  model_name: string;
  version: string;
  artifact_uri: string;
  framework: { name: string; version: string };
  signature: { inputs: TensorSpec[]; outputs: TensorSpec[] };
  provenance: { git_commit: string; dataset_snapshot_uri: string; environment_lockfile_uri?: string };
  /** Accountability, read from the version's `mlops_lens.*` tags (scorecard-contract's SCORECARD_TAGS). */
  owner?: string;
  intended_use?: string;
  limitations?: string;
  approval?: { approved_by: string; approved_at?: string };
  changelog?: string;
}

/** The metadata fields that make a model version's provenance, as the gate checks them. */
export type ProvenanceField = 'git_commit' | 'dataset_snapshot_uri';

/** The daemon's `--provenance-gate`: accept, flag (tag) or refuse versions without provenance. */
export type ProvenanceGateMode = 'off' | 'warn' | 'refuse';

/** The model-version tag the `warn` gate sets, listing the missing fields (comma-separated). */
export const PROVENANCE_MISSING_TAG = 'mlops_lens.provenance.missing';

/**
 * Version tags that declare provenance at model-versions/create for a version not registered
 * from a run the daemon knows (`mlops_lens.provenance.git_commit`, `….dataset_snapshot_uri`,
 * `….environment_lockfile_uri`). What the run recorded comes first; these fill the gaps.
 */
export const DECLARED_PROVENANCE_TAG_PREFIX = 'mlops_lens.provenance.';

/** A model version's provenance at a glance: `complete` once code and data are known. */
export type ProvenanceBadge = 'complete' | 'incomplete';

/**
 * GET `${NATIVE_API_PREFIX}/model-versions/metadata?name=…&version=…`. `metadata` holds what is
 * known; it is schema-valid only when `valid` (otherwise `schema_errors` says what is missing).
 */
export interface ModelVersionMetadataResponse {
  metadata: Partial<Omit<ModelRegistryMetadata, 'provenance' | 'framework'>> & {
    model_name: string;
    version: string;
    /** The version is missing when the logged model did not record it. */
    framework?: { name: string; version?: string };
    provenance: Partial<ModelRegistryMetadata['provenance']>;
  };
  valid: boolean;
  schema_errors: string[];
  provenance: { badge: ProvenanceBadge; missing: ProvenanceField[] };
}
