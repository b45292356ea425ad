/**
 * The daemon's HTTP types for acting on a pod's workload from the Clusters view: what owns the
 * pod (and where a workspace declares it), and scaling a Deployment or StatefulSet.
 */
import type { ManifestLocation, WorkloadRef } from './contract.ts';

/**
 * GET `${NATIVE_API_PREFIX}/clusters/pod-workload?context=&namespace=&pod=`: the pod's workload,
 * its replicas when it is a Deployment or StatefulSet, and the manifest that declares it.
 */
export interface PodWorkloadResponse {
  context: string;
  workload: WorkloadRef;
  /** `spec.replicas` of a Deployment or StatefulSet; absent for other kinds. */
  replicas?: number;
  /** Why the replicas of a Deployment or StatefulSet could not be read (it is gone, RBAC). */
  replicas_error?: string;
  manifest?: ManifestLocation;
}

/**
 * POST `${NATIVE_API_PREFIX}/clusters/workloads/scale` `{context, kind, namespace, name, replicas}`:
 * sets `spec.replicas` of a Deployment or StatefulSet with the field manager `mlops-lens`.
 */
export interface ScaleWorkloadRequest {
  context: string;
  kind: string;
  namespace: string;
  name: string;
  replicas: number;
}

export interface ScaleWorkloadResponse {
  context: string;
  workload: WorkloadRef;
  previous_replicas: number;
  replicas: number;
}
