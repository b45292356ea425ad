import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLiveCluster } from '../../server/lsp/live-cluster.ts';

const GOOD = {
  name: 'prod',
  gpuProducts: ['NVIDIA-H100-80GB-HBM3'],
  migStrategy: 'mixed',
  migProfiles: ['1g.10gb'],
  freeMigSlices: { '1g.10gb': 2 },
  timeSlicing: { replicas: 4, renamed: true },
  peakGpuMemoryMiB: { 'ml/serve': 4096 },
};

describe('readLiveCluster', () => {
  it('turns a well-formed payload into a live ClusterContext', () => {
    assert.deepEqual(readLiveCluster({ cluster: GOOD }), {
      ok: true,
      cluster: { source: 'live', ...GOOD },
    });
  });

  it('reads null as no live cluster', () => {
    assert.deepEqual(readLiveCluster({ cluster: null }), { ok: true, cluster: undefined });
  });

  it('names the field that is wrong', () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /"cluster" field/],
      [{ cluster: 3 }, /cluster must be an object or null/],
      [{ cluster: { ...GOOD, name: '' } }, /cluster\.name/],
      [{ cluster: { ...GOOD, migStrategy: 'all' } }, /cluster\.migStrategy/],
      [{ cluster: { ...GOOD, migProfiles: [1] } }, /cluster\.migProfiles/],
      [{ cluster: { ...GOOD, freeMigSlices: { '1g.10gb': -1 } } }, /cluster\.freeMigSlices\["1g\.10gb"\]/],
      [{ cluster: { ...GOOD, timeSlicing: { replicas: 'x' } } }, /cluster\.timeSlicing/],
      [{ cluster: { ...GOOD, peakGpuMemoryMiB: [] } }, /cluster\.peakGpuMemoryMiB/],
    ];
    for (const [params, error] of cases) {
      const reading = readLiveCluster(params);
      assert.equal(reading.ok, false, JSON.stringify(params));
      if (!reading.ok) assert.match(reading.error, error);
    }
  });
});
