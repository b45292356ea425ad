import type { KubeObject } from './kube-object.ts';
import { timestamp } from './object-store.ts';

/** Stores an object of any served kind (the fake cluster's `put`). */
export type PutObject = (object: KubeObject) => KubeObject;

export const ago = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);
export const meta = (
  namespace: string,
  name: string,
  uid: string,
  labels: Record<string, string> = {},
): KubeObject['metadata'] => ({
  name,
  namespace,
  uid,
  labels,
  creationTimestamp: timestamp(ago(180)),
});

/** UIDs of the seeded objects that tests refer to. */
export const SEED_UIDS = {
  churnDeployment: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0001',
  churnReplicaSet: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0002',
  churnPodA: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0003',
  churnPodB: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0004',
  llmStatefulSet: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0005',
  llmPod: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0006',
  trainJob: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0007',
  trainPod: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0008',
  h100Node: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0009',
};
