/**
 * gpu/whole-device-request against live cluster contexts (observed peaks, free slices), which
 * a workspace profile cannot express: severities, messages and the slice the fix picks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import type { Finding } from '../../server/engine/types.ts';
import type { ClusterContext } from '../../server/gpu/cluster-context.ts';
import { gpuWholeDeviceRequest } from '../../server/rules/gpu/whole-device-request.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
  namespace: llm
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
          resources:
            limits:
              nvidia.com/gpu: 1
`;

const H100: ClusterContext = {
  source: 'live',
  name: 'prod',
  gpuProducts: ['NVIDIA-H100-80GB-HBM3'],
  migStrategy: 'none',
  migProfiles: undefined,
  timeSlicing: undefined,
};

function check(cluster: ClusterContext | undefined, text = DEPLOYMENT): Finding[] {
  const analyzer = new Analyzer({ rules: [gpuWholeDeviceRequest], ...(cluster ? { cluster } : {}) });
  return [...analyzer.analyze({ uri: 'file:///w/chat.yaml', text }).findings];
}

function fixedText(finding: Finding): string {
  return finding.fixes[0]?.changes[0]?.edits.map((e) => e.newText).join(' | ') ?? '';
}

describe('gpu/whole-device-request with a live cluster context', () => {
  it('is information without any cluster evidence', () => {
    const [finding] = check(undefined);
    assert.equal(finding?.severity, 'information');
    assert.equal(finding?.fixes.length, 0);
  });

  it('warns when the observed peak is under half the device, and names the peak', () => {
    const [finding] = check({ ...H100, peakGpuMemoryMiB: { 'llm/chat': 14_336 } });
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.message ?? '', /observed peak GPU memory is 14\.0 GiB of 80 GB \(H100-80GB\)/);
  });

  it('stays information when the peak fills more than half and MIG is off', () => {
    const [finding] = check({ ...H100, peakGpuMemoryMiB: { 'llm/chat': 60_000 } });
    assert.equal(finding?.severity, 'information');
  });

  it('picks the smallest slice that holds the peak with headroom', () => {
    const [finding] = check({
      ...H100,
      migStrategy: 'mixed',
      migProfiles: ['1g.10gb', '1g.20gb', '3g.40gb', '7g.80gb'],
      peakGpuMemoryMiB: { 'llm/chat': 14_336 },
    });
    assert.equal(finding?.severity, 'warning');
    // 14 GiB × 1.2 = 16.8 GiB: 1g.10gb is too small, 1g.20gb holds it.
    assert.equal(fixedText(finding), 'nvidia.com/mig-1g.20gb');
    assert.equal(finding?.fixes[0]?.safe, false);
  });

  it('prefers a slice that is free and names the free slices', () => {
    const [finding] = check({
      ...H100,
      migStrategy: 'mixed',
      migProfiles: ['1g.10gb', '2g.20gb', '3g.40gb'],
      freeMigSlices: { '1g.10gb': 0, '2g.20gb': 3, '3g.40gb': 1 },
    });
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.message ?? '', /free MIG slices: 2g\.20gb ×3, 3g\.40gb ×1/);
    assert.equal(fixedText(finding), 'nvidia.com/mig-2g.20gb');
  });

  it('does not warn when no slice below the whole device holds the peak', () => {
    const [finding] = check({
      ...H100,
      migStrategy: 'mixed',
      migProfiles: ['1g.10gb', '3g.40gb', '7g.80gb'],
      peakGpuMemoryMiB: { 'llm/chat': 50_000 },
    });
    assert.equal(finding?.severity, 'information');
    assert.equal(finding?.fixes.length, 0);
  });

  it('reports nothing when the cluster slices nvidia.com/gpu itself', () => {
    assert.deepEqual(check({ ...H100, migStrategy: 'single' }), []);
    assert.deepEqual(check({ ...H100, timeSlicing: { replicas: 4, renamed: false } }), []);
  });

  it('offers nvidia.com/gpu.shared when time-slicing renames shared GPUs', () => {
    const [finding] = check({ ...H100, timeSlicing: { replicas: 4, renamed: true } });
    assert.equal(finding?.severity, 'warning');
    const titles = finding?.fixes.map((f) => f.title) ?? [];
    assert.ok(
      titles.some((t) => t.includes('nvidia.com/gpu.shared')),
      titles.join('; '),
    );
  });

  it('names the observed peak and the free slices of a live cluster in one message', () => {
    const [finding] = check({
      ...H100,
      migStrategy: 'mixed',
      migProfiles: ['1g.10gb', '3g.40gb'],
      freeMigSlices: { '1g.10gb': 12, '3g.40gb': 0 },
      peakGpuMemoryMiB: { 'llm/chat': 6_554 },
    });
    assert.equal(finding?.severity, 'warning');
    assert.equal(
      finding?.message,
      'Serving container "vllm" requests 1 whole nvidia.com/gpu; observed peak GPU memory is 6.4 GiB of 80 GB (H100-80GB); free MIG slices: 1g.10gb ×12. A 1g.10gb MIG slice would likely do and leave the rest of the GPU to others.',
    );
  });
});
