/**
 * The workload model: every container a manifest declares, with the role it plays and the
 * parts of its spec that the rules read. Nodes are kept so fixes can edit the exact text.
 */
import type { Document, Pair, Scalar, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import type { Range } from '../engine/types.ts';

export type WorkloadRole = 'serving' | 'notebook' | 'training' | 'batch' | 'dev' | 'system';
/**
 * Where a workload was read from: Kubernetes objects (Argo workflow steps among them), a compose
 * service, a Helm values block, or an executor of a compiled Kubeflow pipeline.
 */
export type WorkloadSource = 'kubernetes' | 'compose' | 'helm-values' | 'kubeflow-pipeline';

export interface Quantity {
  readonly resource: string;
  /** The quantity as written (`1`, `"2"`, `500m`, `0.5`). */
  readonly raw: string;
  readonly pair: Pair;
}

export interface Resources {
  /** The `resources:` entry of the container, absent when the container has none. */
  readonly pair: Pair | undefined;
  readonly requestsPair: Pair | undefined;
  readonly limitsPair: Pair | undefined;
  readonly requests: ReadonlyMap<string, Quantity>;
  readonly limits: ReadonlyMap<string, Quantity>;
}

/** A docker compose GPU reservation: `deploy.resources.reservations.devices[]`. */
export interface ComposeDevice {
  readonly map: YAMLMap;
  readonly countPair: Pair | undefined;
  readonly count: string | undefined;
  readonly hasDeviceIds: boolean;
  readonly isGpu: boolean;
}

export interface Container {
  readonly name: string;
  readonly workload: Workload;
  readonly role: WorkloadRole;
  /** The container's own map, for inserting missing entries. */
  readonly map: YAMLMap;
  /** Where findings about the container as a whole point: its `name` value or its first key. */
  readonly anchor: Range;
  readonly image: { readonly value: string; readonly node: Scalar } | undefined;
  readonly command: readonly string[];
  readonly resources: Resources;
  readonly readinessProbe: Pair | undefined;
  readonly startupProbe: Pair | undefined;
  readonly livenessProbe: Pair | undefined;
  readonly ports: readonly number[];
  readonly terminationMessagePolicy: { readonly value: string; readonly pair: Pair } | undefined;
  readonly isInit: boolean;
  /**
   * A KServe predictor model spec (`predictor.model`, `predictor.sklearn`...): KServe builds
   * the real container from a ServingRuntime and owns its probes.
   */
  readonly isKServeModelSpec?: boolean;
  /** Compose services only. */
  readonly composeDevices: readonly ComposeDevice[];
}

export interface Workload {
  readonly source: WorkloadSource;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly role: WorkloadRole;
  readonly doc: Document.Parsed;
  readonly root: YAMLMap;
  /** The `kind:` value, or the compose service key, or the values block key. */
  readonly anchor: Range;
  /** `nvidia.com/gpu.product` (and other) node selector labels the pods ask for. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly containers: readonly Container[];
}

/** One YAML file as the manifest rules see it. */
export interface ManifestFile {
  readonly uri: string;
  readonly lines: LineIndex;
  readonly source: WorkloadSource | 'other';
  readonly documents: readonly Document.Parsed[];
  readonly workloads: readonly Workload[];
}

export const GPU_RESOURCE = /^nvidia\.com\/(gpu(\.shared)?|mig-.+)$/;
export const MIG_RESOURCE = /^nvidia\.com\/mig-(\d+)g\.(\d+)gb(\.me)?$/;

export function isGpuResource(name: string): boolean {
  return GPU_RESOURCE.test(name);
}
