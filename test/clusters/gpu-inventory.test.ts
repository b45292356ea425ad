import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  freeSlices,
  gpuProfileOf,
  nodeInventories,
  workloadGpuSummaries,
} from '../../daemon/clusters/gpu-inventory.ts';
import type { KubeNode, KubePod } from '../../daemon/clusters/kube-objects.ts';

function node(
  name: string,
  resources: Record<string, string>,
  labels: Record<string, string> = {},
  ready = true,
): KubeNode {
  return {
    metadata: { name, labels },
    spec: {},
    status: {
      capacity: { cpu: '64', ...resources },
      allocatable: { cpu: '63', ...resources },
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

function pod(
  name: string,
  nodeName: string | undefined,
  resources: Record<string, string>,
  phase = 'Running',
  owner?: { kind: string; name: string },
): KubePod {
  return {
    metadata: {
      name,
      namespace: 'ml',
      labels: owner?.kind === 'ReplicaSet' ? { 'pod-template-hash': owner.name.split('-').at(-1) ?? '' } : {},
      ...(owner ? { ownerReferences: [{ ...owner, controller: true }] } : {}),
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'main', resources: { limits: resources } }],
    },
    status: { phase },
  };
}

describe('GPU inventory', () => {
  const nodes = [
    node(
      'gpu-a',
      { 'nvidia.com/mig-1g.10gb': '7', 'nvidia.com/mig-3g.40gb': '2' },
      {
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb',
        'nvidia.com/gpu.memory': '81559',
        'nvidia.com/mig.strategy': 'mixed',
      },
    ),
    node(
      'gpu-b',
      { 'nvidia.com/gpu.shared': '8' },
      {
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB-SHARED',
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        'nvidia.com/gpu.replicas': '4',
      },
    ),
    node('gpu-c', { 'nvidia.com/gpu': '8' }, {}, false),
    node('cpu-only', {}),
  ];
  const pods = [
    pod('a1', 'gpu-a', { 'nvidia.com/mig-1g.10gb': '2' }, 'Running', {
      kind: 'ReplicaSet',
      name: 'svc-7d9f',
    }),
    pod('a2', 'gpu-a', { 'nvidia.com/mig-1g.10gb': '1' }, 'Running', {
      kind: 'ReplicaSet',
      name: 'svc-7d9f',
    }),
    pod('done', 'gpu-a', { 'nvidia.com/mig-3g.40gb': '1' }, 'Succeeded'),
    pod('pending', undefined, { 'nvidia.com/mig-3g.40gb': '1' }, 'Pending'),
    pod('b1', 'gpu-b', { 'nvidia.com/gpu.shared': '3' }, 'Running', { kind: 'StatefulSet', name: 'llm' }),
    pod('c1', 'gpu-c', { 'nvidia.com/gpu': '2' }, 'Running', { kind: 'Job', name: 'train' }),
  ];

  it('lists GPU nodes with capacity, allocatable, allocated by running pods, and GFD labels', () => {
    const inventories = nodeInventories(nodes, pods);
    assert.deepEqual(
      inventories.map((n) => n.node),
      ['gpu-a', 'gpu-b', 'gpu-c'],
    );
    const a = inventories[0];
    assert.deepEqual(a?.labels, {
      product: 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb',
      memory_mib: 81559,
      mig_strategy: 'mixed',
    });
    assert.deepEqual(a?.resources, [
      { resource: 'nvidia.com/mig-1g.10gb', capacity: 7, allocatable: 7, allocated: 3, free: 4 },
      { resource: 'nvidia.com/mig-3g.40gb', capacity: 2, allocatable: 2, allocated: 0, free: 2 },
    ]);
    assert.deepEqual(
      a?.pods.map((p) => `${p.name}:${p.amount}`),
      ['a1:2', 'a2:1'],
    );
    assert.deepEqual(inventories[1]?.labels, {
      product: 'NVIDIA-A100-SXM4-80GB-SHARED',
      sharing_strategy: 'time-slicing',
      replicas: 4,
    });
  });

  it('counts free slices per profile only on ready, schedulable nodes', () => {
    const slices = freeSlices(nodeInventories(nodes, pods));
    assert.deepEqual(
      slices.map((s) => [s.profile, s.allocatable, s.allocated, s.free, s.nodes]),
      [
        ['gpu', 8, 2, 0, 1],
        ['gpu.shared', 8, 3, 5, 1],
        ['1g.10gb', 7, 3, 4, 1],
        ['3g.40gb', 2, 0, 2, 1],
      ],
    );
  });

  it('names profiles of every GPU resource', () => {
    assert.equal(gpuProfileOf('nvidia.com/mig-1g.10gb.me'), '1g.10gb.me');
    assert.equal(gpuProfileOf('nvidia.com/gpu.shared'), 'gpu.shared');
  });

  it('sums GPU units per workload, a ReplicaSet standing for its Deployment', () => {
    const products = new Map([['gpu-a', 'H100']]);
    const summaries = workloadGpuSummaries(pods, products);
    assert.deepEqual(
      summaries.map((s) => [s.workload.kind, s.workload.name, s.pods, s.resources, s.products]),
      [
        ['StatefulSet', 'llm', 1, { 'nvidia.com/gpu.shared': 3 }, []],
        ['Deployment', 'svc', 2, { 'nvidia.com/mig-1g.10gb': 3 }, ['H100']],
        ['Job', 'train', 1, { 'nvidia.com/gpu': 2 }, []],
      ],
    );
    assert.equal(summaries[0]?.peak_gpu_memory_mib, undefined);
  });

  it('counts the larger of the containers and the largest init container', () => {
    const withInit: KubePod = {
      metadata: { name: 'i', namespace: 'ml' },
      spec: {
        nodeName: 'gpu-c',
        containers: [
          { resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } } },
        ],
        initContainers: [{ resources: { limits: { 'nvidia.com/gpu': '3' } } }],
      },
      status: { phase: 'Running' },
    };
    const [c] = nodeInventories([nodes[2] as KubeNode], [withInit]);
    assert.equal(c?.resources[0]?.allocated, 3);
  });
});
