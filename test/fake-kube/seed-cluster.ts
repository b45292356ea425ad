import { gpuNode, h100MigNode } from './object-builders.ts';
import type { PodLogs } from './pod-logs.ts';
import { ago, meta, SEED_UIDS, type PutObject } from './seed-common.ts';
import { seedServing } from './seed-serving.ts';
import { seedTrainingAndEvents } from './seed-training-and-events.ts';

export { SEED_UIDS, type PutObject } from './seed-common.ts';

/**
 * A small GPU cluster with the failures the daemon must explain: three nodes (H100 with MIG
 * mixed, A100 shared by time-slicing, a CPU node), a serving Deployment, an LLM StatefulSet whose
 * pod was OOMKilled and is in CrashLoopBackOff, a training Job pending on `Insufficient
 * nvidia.com/gpu`, an Xid event, Services and, when its CRD is served, an InferenceService.
 */
export function seedGpuCluster(put: PutObject, logs: PodLogs, customGroups: readonly string[]): void {
  for (const name of ['default', 'kube-system', 'ml-serving', 'ml-training']) {
    put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const h100 = h100MigNode('gpu-h100-0', '10.0.1.10', ago(60 * 24 * 12));
  h100.metadata.uid = SEED_UIDS.h100Node;
  put(h100);
  put(
    gpuNode({
      name: 'gpu-a100-0',
      product: 'NVIDIA-A100-SXM4-80GB',
      memoryMiB: 81920,
      gpus: 0,
      physicalGpus: 8,
      migStrategy: 'none',
      extra: { 'nvidia.com/gpu.shared': 32 },
      sharing: { strategy: 'time-slicing', replicas: 4 },
      internalIp: '10.0.1.11',
      createdAt: ago(60 * 24 * 12),
    }),
  );
  put(
    gpuNode({
      name: 'cpu-0',
      product: '',
      memoryMiB: 0,
      gpus: 0,
      migStrategy: 'none',
      internalIp: '10.0.1.12',
      createdAt: ago(60 * 24 * 30),
    }),
  );

  put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('default', 'kubernetes', '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0010', {
      component: 'apiserver',
      provider: 'kubernetes',
    }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  });
  put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('ml-serving', 'churn-model', '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0011', {
      app: 'churn-model',
    }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.34',
      selector: { app: 'churn-model' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
    },
  });

  seedServing(put, logs);
  seedTrainingAndEvents(put, customGroups);
}
