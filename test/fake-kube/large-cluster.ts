import type { FakeKube } from './fake-kube-server.ts';
import { h100MigNode, pod } from './object-builders.ts';

export interface LargeClusterOptions {
  nodes: number;
  podsPerNode: number;
  /** Pods are spread over this many namespaces `sim-00`, `sim-01`, … (default 50). */
  namespaces?: number;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const uidOf = (kind: number, index: number): string =>
  `00000000-0000-4000-8${kind}00-${index.toString(16).padStart(12, '0')}`;

/**
 * Adds a simulated cluster of `nodes` H100 nodes (MIG mixed) and `nodes × podsPerNode` pods,
 * memory-lean: the store keeps only each object's key and index and builds the object when it is
 * read. 1% of the pods are OOMKilled in CrashLoopBackOff and 0.5% pending on GPUs.
 */
export function addLargeCluster(
  fake: FakeKube,
  options: LargeClusterOptions,
): { nodes: number; pods: number } {
  const namespaces = options.namespaces ?? 50;
  const podCount = options.nodes * options.podsPerNode;
  const createdAt = new Date(Date.now() - 3 * 86_400_000);
  const nodeName = (index: number): string => `sim-node-${pad(index, 5)}`;
  for (let n = 0; n < namespaces; n++) {
    const name = `sim-${pad(n, 2)}`;
    fake.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
      spec: {},
      status: { phase: 'Active' },
    });
  }
  fake.store.addGenerated(fake.typeOf('v1', 'Node'), options.nodes, nodeName, (index, resourceVersion) => {
    const node = h100MigNode(
      nodeName(index),
      `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
      createdAt,
    );
    node.metadata.uid = uidOf(1, index);
    node.metadata.resourceVersion = resourceVersion;
    return node;
  });
  const podName = (index: number): string => `sim-${pad(index % namespaces, 2)}/worker-${pad(index, 6)}`;
  fake.store.addGenerated(fake.typeOf('v1', 'Pod'), podCount, podName, (index, resourceVersion) => {
    const app = `model-${index % 500}`;
    const state = index % 200 === 7 ? 'pending-gpu' : index % 100 === 3 ? 'crashloop-oom' : 'running';
    const resources: Record<string, string> =
      index % 3 === 0
        ? { 'nvidia.com/gpu': '1', memory: '16Gi' }
        : { 'nvidia.com/mig-1g.10gb': '1', memory: '4Gi' };
    const object = pod({
      namespace: `sim-${pad(index % namespaces, 2)}`,
      name: `worker-${pad(index, 6)}`,
      uid: uidOf(2, index),
      labels: { app, 'mlops-lens.dev/simulated': 'true' },
      image: `registry.example.com/ml/${app}:1.0.${index % 7}`,
      nodeName: nodeName(index % options.nodes),
      podIp: `10.${128 + ((index >> 16) & 127)}.${(index >> 8) & 255}.${index & 255}`,
      resources,
      createdAt,
      state,
    });
    object.metadata.resourceVersion = resourceVersion;
    return object;
  });
  return { nodes: options.nodes, pods: podCount };
}
