/** The Clusters view's idle-GPU marker, shaped from the daemon's `cost/idle-gpus` entries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdleGpu } from '../../daemon/api/cost-contract.ts';
import { idleDuration, idleGpusOfPod, idleMarker } from '../../extension/clusters/idle-gpu-marker.ts';

function gpu(overrides: Partial<IdleGpu>): IdleGpu {
  return {
    namespace: 'notebooks',
    pod: 'jupyter-ana-0',
    hostname: 'gpu-node-a',
    gpu: '0',
    model_name: 'NVIDIA A100-SXM4-80GB',
    max_util_percent: 2,
    mean_util_percent: 0.8,
    idle_hours: 6,
    samples: 360,
    ...overrides,
  };
}

describe('idle GPU marker', () => {
  it('keeps only the idle GPUs of the pod asked for', () => {
    const idle = [gpu({}), gpu({ pod: 'other-0' }), gpu({ namespace: 'ml-serving' }), gpu({ gpu: '1' })];
    assert.deepEqual(
      idleGpusOfPod(idle, 'notebooks', 'jupyter-ana-0').map((g) => g.gpu),
      ['0', '1'],
    );
    assert.deepEqual(idleGpusOfPod(idle, 'notebooks', 'nobody'), []);
  });

  it('says "idle GPU 2% for 6 h" for one GPU, with its figures in the tooltip', () => {
    const marker = idleMarker([gpu({})], 5);
    assert.equal(marker?.text, 'idle GPU 2% for 6 h');
    assert.equal(marker?.tooltip[0], '**Idle GPU**: use stayed under 5% for 6 h.');
    assert.equal(
      marker?.tooltip[1],
      '- GPU 0 (NVIDIA A100-SXM4-80GB) on gpu-node-a: max 2%, mean 0.8% over 360 samples',
    );
  });

  it('names the highest use and the shortest idle span of several GPUs, and MIG slices', () => {
    const marker = idleMarker(
      [
        gpu({ max_util_percent: 1.24, idle_hours: 5.5 }),
        gpu({ gpu: '1', mig_profile: '1g.10gb', max_util_percent: 3.46, idle_hours: 4.04 }),
      ],
      5,
    );
    assert.equal(marker?.text, 'idle 2 GPUs 3.5% for 4 h');
    assert.match(
      marker?.tooltip[2] ?? '',
      /^- MIG 1g\.10gb on GPU 1 \(NVIDIA A100-SXM4-80GB\) on gpu-node-a: max 3\.5%/,
    );
  });

  it('marks nothing when the pod has no idle GPU', () => {
    assert.equal(idleMarker([], 5), undefined);
  });

  it('writes spans under an hour in minutes, under a minute in seconds', () => {
    assert.equal(idleDuration(0.75), '45 min');
    assert.equal(idleDuration(0.005), '18 s');
    assert.equal(idleDuration(1.46), '1.5 h');
  });
});
