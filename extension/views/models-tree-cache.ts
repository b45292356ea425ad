/**
 * What the Models view shows: registered models, then their versions newest first, fetched from
 * the daemon and kept as stable nodes that a refresh re-renders only where they changed (see
 * two-level-tree-cache.ts). No `vscode` import at run time, so it is unit tested.
 */
import {
  DECLARED_PROVENANCE_TAG_PREFIX,
  MLFLOW_API_PREFIX,
  PROVENANCE_MISSING_TAG,
} from '../../daemon/api/contract.ts';
import type { ModelVersion, RegisteredModel } from '../../daemon/api/contract.ts';
import type { DaemonRequest } from './runs-tree-cache.ts';
import { TwoLevelTreeCache, type TreeChanges } from './two-level-tree-cache.ts';

export interface ModelNode {
  readonly kind: 'model';
  /** The latest fetched data; the node itself stays the same object. */
  model: RegisteredModel;
}

export interface VersionNode {
  readonly kind: 'version';
  version: ModelVersion;
}

export interface ModelsMessageNode {
  readonly kind: 'message';
  readonly text: string;
}

export type ModelsNode = ModelNode | VersionNode | ModelsMessageNode;

export type ModelsTreeChanges = TreeChanges<ModelNode | VersionNode>;

const MAX_RESULTS = 200;

/**
 * A version is traceable when the daemon did not flag missing provenance on it
 * (PROVENANCE_MISSING_TAG) and it was registered from a run, or declares its commit in a version
 * tag. The flag marks what the daemon's capture found missing; it is not provenance itself.
 */
export function hasProvenance(version: ModelVersion): boolean {
  const { tags } = version;
  if (tags.some((t) => t.key === PROVENANCE_MISSING_TAG)) return false;
  const declaredCommit = tags.some(
    (t) => t.key === 'mlflow.source.git.commit' || t.key === `${DECLARED_PROVENANCE_TAG_PREFIX}git_commit`,
  );
  return version.run_id !== '' || declaredCommit;
}

/** What a version's row and tooltip show. */
function versionView(version: ModelVersion): string {
  return JSON.stringify([
    version.aliases,
    hasProvenance(version),
    version.source,
    version.run_id,
    version.current_stage,
  ]);
}

export class ModelsTreeCache extends TwoLevelTreeCache<
  RegisteredModel,
  ModelNode,
  ModelVersion,
  VersionNode,
  ModelsMessageNode
> {
  constructor(request: DaemonRequest) {
    super({
      parents: {
        fetch: async () => {
          const { registered_models = [] } = await request<{ registered_models?: RegisteredModel[] }>(
            'GET',
            `${MLFLOW_API_PREFIX}/registered-models/search?max_results=${MAX_RESULTS}`,
          );
          return registered_models;
        },
        key: (model) => model.name,
        view: (model) => JSON.stringify(model.aliases),
        node: (model) => ({ kind: 'model', model }),
        item: (node) => node.model,
        update: (node, model) => (node.model = model),
      },
      children: {
        fetch: async (model) => {
          const filter = encodeURIComponent(`name='${model.name.replace(/'/g, "\\'")}'`);
          const { model_versions = [] } = await request<{ model_versions?: ModelVersion[] }>(
            'GET',
            `${MLFLOW_API_PREFIX}/model-versions/search?filter=${filter}&max_results=${MAX_RESULTS}`,
          );
          return model_versions.sort((a, b) => Number(b.version) - Number(a.version));
        },
        key: (version) => `${version.name}\n${version.version}`,
        view: versionView,
        node: (version) => ({ kind: 'version', version }),
        item: (node) => node.version,
        update: (node, version) => (node.version = version),
      },
      empty: { kind: 'message', text: 'No registered models yet.' },
    });
  }

  /** A model's versions, fetched the first time. */
  versionNodes(node: ModelNode): Promise<VersionNode[]> {
    return this.childNodes(node);
  }
}
