/** Whether an applied workload has rolled out, from the status its controller wrote. Pure. */
import type { KubernetesObject } from '@kubernetes/client-node';

export type RolloutVerdict =
  { state: 'ready' } | { state: 'progressing' } | { state: 'failed'; reason: string };

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

interface WorkloadShape {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    conditions?: Condition[];
  };
}

export function rolloutVerdict(object: KubernetesObject): RolloutVerdict {
  const shape = object as WorkloadShape;
  const generation = shape.metadata?.generation ?? 1;
  const status = shape.status;
  if (!status || (status.observedGeneration ?? 0) < generation) return { state: 'progressing' };
  const conditions = status.conditions ?? [];
  if (object.kind === 'InferenceService') {
    const ready = conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'True') return { state: 'ready' };
    if (ready?.status === 'False' && ready.reason) {
      const predictor = conditions.find((c) => c.type === 'PredictorReady' && c.message);
      return { state: 'failed', reason: predictor?.message || ready.message || ready.reason };
    }
    return { state: 'progressing' };
  }
  const progressing = conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { state: 'failed', reason: progressing.message ?? 'progress deadline exceeded' };
  const replicas = shape.spec?.replicas ?? 1;
  if ((status.readyReplicas ?? 0) >= replicas && (status.updatedReplicas ?? 0) >= replicas)
    return { state: 'ready' };
  return { state: 'progressing' };
}

/** Kinds whose rollout is watched; the rest are ready once applied. */
export function hasRollout(kind: string | undefined): boolean {
  return kind === 'Deployment' || kind === 'StatefulSet' || kind === 'InferenceService';
}
