/** The rule contract: one rule per file, each with its metadata, its check and its fixes. */
import type { LoadedConfig } from '../config/load-config.ts';
import type { RuleMeta, Report } from '../engine/types.ts';
import type { DvcSetupFile } from '../dvc/dvc-setup-file.ts';
import type { ClusterContext } from '../gpu/cluster-context.ts';
import type { WorkspaceView } from '../engine/workspace-view.ts';
import type { JsonFile } from '../registry/json-file.ts';
import type { DependencyFile } from '../requirements/dependency-file.ts';
import type { EnvironmentFile } from '../requirements/environment-file.ts';
import type { ManifestFile } from '../workloads/model.ts';

export interface RuleContext {
  readonly config: LoadedConfig;
  /** The cluster to check against: live from the daemon, else the workspace profile. */
  readonly cluster: ClusterContext | undefined;
  /**
   * Image references as written in manifests (`vllm/vllm-openai:latest`) mapped to the digest
   * (`sha256:...`) that the deployed pods run, when the daemon's cluster watcher knows it.
   */
  readonly deployedImageDigests?: ReadonlyMap<string, string>;
  /** The other files of the workspace, for rules that look across files; absent for a lone file. */
  readonly workspace?: WorkspaceView;
}

/** Checks one YAML file's workloads (Kubernetes, KServe, Kubeflow, Ray, compose, Helm values). */
export interface ManifestRule {
  readonly meta: RuleMeta;
  readonly target: 'manifest';
  check(file: ManifestFile, context: RuleContext): Report[];
}

/** Checks one model registry metadata JSON file. */
export interface RegistryMetadataRule {
  readonly meta: RuleMeta;
  readonly target: 'registry-metadata';
  check(file: JsonFile, context: RuleContext): Report[];
}

/** Checks the dependencies of a `requirements*.txt` or `pyproject.toml`. */
export interface DependenciesRule {
  readonly meta: RuleMeta;
  readonly target: 'dependencies';
  check(file: DependencyFile, context: RuleContext): Report[];
}

/**
 * Checks a file that defines a Python environment: a Dockerfile (`Dockerfile`, `Dockerfile.serve`,
 * `serve.Dockerfile`, `Containerfile`), a requirements file or a `pyproject.toml`.
 */
export interface EnvironmentRule {
  readonly meta: RuleMeta;
  readonly target: 'environment';
  check(file: EnvironmentFile, context: RuleContext): Report[];
}

/** Checks a workspace's DVC setup, from its `.dvc/config` or from a README. */
export interface DvcRule {
  readonly meta: RuleMeta;
  readonly target: 'dvc';
  check(file: DvcSetupFile, context: RuleContext): Report[];
}

export type Rule = ManifestRule | RegistryMetadataRule | DependenciesRule | EnvironmentRule | DvcRule;

export const DOCS_BASE = 'https://github.com/mlops-lens/mlops-lens/blob/main/docs/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
