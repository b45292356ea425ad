/**
 * Lineage from datasets and code to runs, model versions and deployments. Types only.
 */

/** Lineage node types of DESIGN's lineage model (monitoring comes later). */
export type LineageNodeType =
  | 'dataset'
  | 'preprocessing'
  | 'code'
  | 'environment'
  | 'run'
  | 'model_version'
  | 'deployment'
  | 'drift_report'
  | 'alert';

/**
 * Edge types; besides those of training and release, a model version or deployment is
 * `monitored_by` a drift report, a report `raised` an alert, and an alert `alerts_on` a model
 * version or deployment (`drift_report:<report id>`, `alert:<alert id>`).
 */
export type LineageEdgeType =
  'used' | 'produced' | 'registered_as' | 'deployed_as' | 'monitored_by' | 'raised' | 'alerts_on';

/**
 * A lineage node. `id` is `<type>:<key>`: `dataset:<name>@<digest>`, `preprocessing:<sha256>`,
 * `code:<git commit>` (`-dirty` appended for a dirty tree), `environment:<lockfile sha256>`,
 * `run:<run id>`, `model_version:<name>@<version>`, `deployment:<deployment id>`.
 */
export interface LineageNode {
  id: string;
  type: LineageNodeType;
  label: string;
  /** Type-specific facts: a dataset's URI and digest, a run's params and hardware, … */
  attributes: Record<string, unknown>;
}

/** `from` → `to`: a run `used` a dataset, code or environment; `produced` a preprocessing artifact; is `registered_as` a model version. */
export interface LineageEdge {
  type: LineageEdgeType;
  from: string;
  to: string;
}

/** GET `${NATIVE_API_PREFIX}/lineage?node=<type>:<key>&depth=N`: the node's neighbourhood. */
export interface LineageResponse {
  root: string;
  depth: number;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Set when the neighbourhood had more nodes than one answer carries (`max_nodes`). */
  truncated?: boolean;
}
