import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NodeGpuInventory } from '../../daemon/api/contract.ts';
import { gpuCandidates, sizeGpu, SizingError, type GpuCandidate } from '../../daemon/deploy/gpu-sizing.ts';

const MIB = 1024 * 1024;

const candidates: GpuCandidate[] = [
  { resource: 'nvidia.com/mig-3g.40gb', memoryMib: 40 * 1024, free: 2, note: 'MIG 3g.40gb' },
  { resource: 'nvidia.com/mig-1g.10gb', memoryMib: 10 * 1024, free: 3, note: 'MIG 1g.10gb' },
  { resource: 'nvidia.com/mig-1g.20gb', memoryMib: 20 * 1024, free: 0, note: 'MIG 1g.20gb' },
  { resource: 'nvidia.com/gpu.shared', memoryMib: 20 * 1024, free: 8, note: 'time-sliced' },
];

describe('GPU sizing', () => {
  it('takes an earlier version’s observed peak with headroom and the smallest free slice that fits', () => {
    const sizing = sizeGpu({ observedPeakMib: 7000, observedVersion: '2' }, candidates);
    assert.equal(sizing.resource, 'nvidia.com/mig-1g.10gb');
    assert.equal(sizing.basis, 'observed');
    assert.equal(sizing.required_memory_mib, 8400);
    assert.match(sizing.reasoning[0] ?? '', /observed peak 7000 MiB for version 2 × 1.2 headroom = 8400 MiB/);
    assert.match(sizing.reasoning.at(-1) ?? '', /chosen nvidia.com\/mig-1g.10gb/);
  });

  it('skips slices that are too small or none free', () => {
    const sizing = sizeGpu({ observedPeakMib: 12_000 }, candidates);
    // 14 400 MiB: 1g.10gb is too small, 1g.20gb has none free; the shared GPU (20 GiB) is the smallest free fit.
    assert.equal(sizing.resource, 'nvidia.com/gpu.shared');
    assert.ok(sizing.reasoning.includes('nvidia.com/mig-1g.20gb: none free'));
    assert.ok(sizing.reasoning.some((line) => line.startsWith('nvidia.com/mig-1g.10gb: 10240 MiB')));
  });

  it('estimates from the artifact size and framework when nothing was observed, and says so', () => {
    const sizing = sizeGpu({ artifactBytes: 8000 * MIB, framework: 'pytorch' }, candidates);
    assert.equal(sizing.basis, 'estimate');
    assert.equal(sizing.required_memory_mib, 8000 * 1.5 + 1024);
    assert.equal(sizing.resource, 'nvidia.com/gpu.shared');
    assert.match(
      sizing.reasoning[0] ?? '',
      /^estimate \(no peak observed.*8000 MiB × 1.5 \(pytorch\) \+ 1024 MiB runtime/,
    );
    const unknown = sizeGpu({ artifactBytes: 1000 * MIB, framework: 'mystery' }, candidates);
    assert.equal(unknown.required_memory_mib, 1000 * 2 + 1024);
  });

  it('keeps a least workspace above small weights, and says so', () => {
    const small = sizeGpu({ artifactBytes: 98 * MIB, framework: 'pytorch' }, candidates);
    assert.equal(small.required_memory_mib, 98 + 512 + 1024);
    assert.match(
      small.reasoning[0] ?? '',
      /artifact 98 MiB \+ 512 MiB least workspace \(more than × 1.5 for pytorch\)/,
    );
  });

  it('refuses with the reasoning when nothing free fits or nothing is known', () => {
    assert.throws(
      () => sizeGpu({ observedPeakMib: 60_000 }, candidates),
      (error: unknown) =>
        error instanceof SizingError &&
        /no free GPU slice in the cluster has 72000 MiB/.test(error.message) &&
        error.reasoning.length > 1,
    );
    assert.throws(() => sizeGpu({}, candidates), /no observed peak memory .* and no artifact size/);
  });

  it('derives candidates from the inventory: MIG by usable memory, shared GPUs by their share, only ready nodes', () => {
    const nodes: NodeGpuInventory[] = [
      {
        node: 'h100',
        ready: true,
        unschedulable: false,
        labels: { memory_mib: 81_559, product: 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb' },
        resources: [
          { resource: 'nvidia.com/mig-1g.10gb', capacity: 7, allocatable: 7, allocated: 2, free: 5 },
          { resource: 'nvidia.com/gpu', capacity: 1, allocatable: 1, allocated: 0, free: 1 },
        ],
        pods: [],
      },
      {
        node: 'a100',
        ready: true,
        unschedulable: false,
        labels: { memory_mib: 40_960, replicas: 4 },
        resources: [
          { resource: 'nvidia.com/gpu.shared', capacity: 16, allocatable: 16, allocated: 1, free: 15 },
        ],
        pods: [],
      },
      {
        // No product label: the model is unknown, so 88% of the name's size is assumed.
        node: 'unlabelled',
        ready: true,
        unschedulable: false,
        labels: {},
        resources: [
          { resource: 'nvidia.com/mig-2g.20gb', capacity: 3, allocatable: 3, allocated: 0, free: 3 },
        ],
        pods: [],
      },
      {
        node: 'down',
        ready: false,
        unschedulable: false,
        labels: {},
        resources: [
          { resource: 'nvidia.com/mig-1g.10gb', capacity: 7, allocatable: 7, allocated: 0, free: 7 },
        ],
        pods: [],
      },
    ];
    const found = gpuCandidates(nodes).sort((a, b) => a.resource.localeCompare(b.resource));
    assert.deepEqual(
      found.map((c) => [c.resource, c.memoryMib, c.free]),
      [
        ['nvidia.com/gpu', 81_559, 1],
        ['nvidia.com/gpu.shared', 10_240, 15],
        // nvidia-smi mig -lgip on an H100 80GB HBM3: 9.75 GiB.
        ['nvidia.com/mig-1g.10gb', 9984, 5],
        ['nvidia.com/mig-2g.20gb', Math.floor(20 * 1024 * 0.88), 3],
      ],
    );
    assert.match(
      found.find((c) => c.resource.endsWith('1g.10gb'))?.note ?? '',
      /nvidia-smi reports it on H100-80GB/,
    );
    assert.match(found.find((c) => c.resource.endsWith('2g.20gb'))?.note ?? '', /assumed 88%/);
  });
});
