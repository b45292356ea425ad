/**
 * The workload a pod belongs to: a KServe InferenceService or Ray cluster by their labels, else
 * its controller (a ReplicaSet stands for its Deployment, named without the pod-template hash),
 * else the pod itself.
 */
import type { WorkloadRef } from '../api/contract.ts';
import type { KubePod } from './kube-objects.ts';

const LABELLED_OWNERS: readonly { label: string; kind: string }[] = [
  { label: 'serving.kserve.io/inferenceservice', kind: 'InferenceService' },
  { label: 'ray.io/cluster', kind: 'RayCluster' },
];

export function podWorkload(pod: KubePod): WorkloadRef | undefined {
  const meta = pod.metadata;
  const name = meta?.name;
  if (!name) return undefined;
  const namespace = meta.namespace ?? 'default';
  const labels = meta.labels ?? {};
  for (const { label, kind } of LABELLED_OWNERS) {
    const owner = labels[label];
    if (owner) return { kind, namespace, name: owner };
  }
  const controller =
    (meta.ownerReferences ?? []).find((o) => o.controller === true) ?? meta.ownerReferences?.[0];
  if (controller?.kind && controller.name) {
    const hash = labels['pod-template-hash'];
    if (controller.kind === 'ReplicaSet' && hash && controller.name.endsWith(`-${hash}`)) {
      return { kind: 'Deployment', namespace, name: controller.name.slice(0, -hash.length - 1) };
    }
    return { kind: controller.kind, namespace, name: controller.name };
  }
  return { kind: 'Pod', namespace, name };
}
