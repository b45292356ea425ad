import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterContext } from '../../server/gpu/cluster-context.ts';
import { GPU_MODELS } from '../../server/gpu/mig-catalog.ts';
import {
  availableSlices,
  baseProduct,
  migSlice,
  modelSlices,
  sliceName,
  targetGpuModel,
  wholeGpuIsSlice,
} from '../../server/gpu/target-gpu.ts';
import type { Workload } from '../../server/workloads/model.ts';

function workload(nodeSelector: Record<string, string>): Workload {
  return { nodeSelector } as unknown as Workload;
}

const cluster = (gpuProducts: string[], more: Partial<ClusterContext> = {}): ClusterContext => ({
  source: 'workspace-profile',
  gpuProducts,
  migStrategy: undefined,
  migProfiles: undefined,
  timeSlicing: undefined,
  ...more,
});

describe('target GPU', () => {
  it('strips the MIG and SHARED suffixes of product labels', () => {
    assert.equal(baseProduct('NVIDIA-A100-SXM4-40GB-MIG-1g.5gb'), 'NVIDIA-A100-SXM4-40GB');
    assert.equal(baseProduct('NVIDIA-A10G-SHARED'), 'NVIDIA-A10G');
  });

  it('takes the model from the node selector first, else from a one-model cluster', () => {
    const h100 = cluster(['NVIDIA-H100-80GB-HBM3']);
    assert.equal(targetGpuModel(workload({}), h100)?.id, 'H100-80GB');
    assert.equal(
      targetGpuModel(workload({ 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' }), h100)?.id,
      'A100-80GB',
    );
    assert.equal(targetGpuModel(workload({}), cluster(['NVIDIA-H100-80GB-HBM3', 'NVIDIA-A30'])), undefined);
    assert.equal(targetGpuModel(workload({}), undefined), undefined);
  });

  it('reads slice names with and without media extensions', () => {
    assert.deepEqual(migSlice('nvidia.com/mig-1g.10gb.me'), {
      profile: '1g.10gb',
      media: true,
      computeSlices: 1,
      memoryGb: 10,
    });
    assert.equal(sliceName(migSlice('1g.10gb+me')!), '1g.10gb.me');
    assert.equal(migSlice('1g.10GB'), undefined);
  });

  it('offers the cluster inventory when known, else the model catalog', () => {
    const h100 = GPU_MODELS.find((m) => m.id === 'H100-80GB')!;
    const inventory = cluster([], { migProfiles: ['3g.40gb', '1g.10gb.me'] });
    assert.deepEqual(availableSlices(h100, inventory)?.map(sliceName), ['3g.40gb', '1g.10gb.me']);
    assert.deepEqual(availableSlices(h100, undefined)?.map(sliceName), modelSlices(h100).map(sliceName));
    assert.equal(availableSlices(undefined, undefined), undefined);
  });

  it('lists media slices only where NVIDIA offers them', () => {
    const a30 = GPU_MODELS.find((m) => m.id === 'A30-24GB')!;
    assert.deepEqual(modelSlices(a30).map(sliceName), [
      '1g.6gb',
      '1g.6gb.me',
      '2g.12gb',
      '2g.12gb.me',
      '4g.24gb',
    ]);
  });
});

describe('whole GPU already a slice', () => {
  it('follows node selector labels', () => {
    const sliced: Array<Record<string, string>> = [
      { 'nvidia.com/gpu.product': 'NVIDIA-A10G-SHARED' },
      { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-MIG-1g.5gb' },
      { 'nvidia.com/mig.strategy': 'single' },
      { 'nvidia.com/gpu.sharing-strategy': 'time-slicing' },
      { 'nvidia.com/gpu.replicas': '4' },
    ];
    for (const selector of sliced)
      assert.ok(wholeGpuIsSlice(workload(selector), undefined), JSON.stringify(selector));
    assert.ok(!wholeGpuIsSlice(workload({ 'nvidia.com/gpu.sharing-strategy': 'none' }), undefined));
    assert.ok(!wholeGpuIsSlice(workload({ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }), undefined));
  });

  it('follows the cluster: MIG single, or time-slicing without renaming', () => {
    assert.ok(wholeGpuIsSlice(workload({}), cluster([], { migStrategy: 'single' })));
    assert.ok(wholeGpuIsSlice(workload({}), cluster([], { timeSlicing: { replicas: 2, renamed: false } })));
    assert.ok(!wholeGpuIsSlice(workload({}), cluster([], { timeSlicing: { replicas: 2, renamed: true } })));
    assert.ok(!wholeGpuIsSlice(workload({}), cluster([], { migStrategy: 'mixed' })));
  });
});
