/**
 * Which fix the GPU rules offer first, and whether `check --fix` may apply it on its own, for
 * cluster contexts the fixtures do not cover.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { Finding } from '../../server/engine/types.ts';
import type { ClusterContext } from '../../server/gpu/cluster-context.ts';
import { gpuMemoryLimitMissing } from '../../server/rules/gpu/memory-limit-missing.ts';
import { gpuNonInteger } from '../../server/rules/gpu/non-integer.ts';
import { gpuUnknownMigProfile } from '../../server/rules/gpu/unknown-mig-profile.ts';
import type { ManifestRule } from '../../server/rules/rule.ts';

function pod(resource: string, quantity: string, nodeSelector = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:${nodeSelector ? `\n  nodeSelector: {nvidia.com/gpu.product: ${nodeSelector}}` : ''}
  containers:
    - name: c
      image: ghcr.io/acme/c:1.0.0
      resources:
        limits:
          ${resource}: ${quantity}
`;
}

function findings(rule: ManifestRule, text: string, cluster?: ClusterContext): Finding[] {
  const analyzer = new Analyzer({ rules: [rule], ...(cluster ? { cluster } : {}) });
  return [...analyzer.analyze({ uri: 'file:///w/pod.yaml', text }).findings];
}

/** The first fix as "new text of its edits", and whether it is safe. */
function firstFix(found: Finding[]): [string, boolean] | undefined {
  const fix = found[0]?.fixes[0];
  return fix && [fix.changes.flatMap((c) => c.edits.map((e) => e.newText)).join(' '), fix.safe];
}

const MIXED_H100: ClusterContext = {
  source: 'workspace-profile',
  gpuProducts: ['NVIDIA-H100-80GB-HBM3'],
  migStrategy: 'mixed',
  migProfiles: undefined,
  timeSlicing: undefined,
};

describe('gpu/non-integer fixes', () => {
  it('without cluster information, suggests a shared GPU for review, then a whole GPU', () => {
    const found = findings(gpuNonInteger, pod('nvidia.com/gpu', '0.5'));
    assert.deepEqual(
      found[0]?.fixes.map((f) => [f.changes[0]?.edits.map((e) => e.newText).join(' '), f.safe]),
      [
        ['nvidia.com/gpu.shared 1', false],
        ['1', false],
      ],
    );
  });

  it('with MIG on the cluster, keeps the share of device memory, as a safe fix', () => {
    assert.deepEqual(firstFix(findings(gpuNonInteger, pod('nvidia.com/gpu', '0.5'), MIXED_H100)), [
      'nvidia.com/mig-3g.40gb 1',
      true,
    ]);
    assert.deepEqual(firstFix(findings(gpuNonInteger, pod('nvidia.com/gpu', '100m'), MIXED_H100)), [
      'nvidia.com/mig-1g.10gb 1',
      true,
    ]);
  });

  it('with only the node selector naming the model, offers the slice for review', () => {
    const found = findings(gpuNonInteger, pod('nvidia.com/gpu', '0.25', 'NVIDIA-A100-SXM4-40GB'));
    assert.deepEqual(firstFix(found), ['nvidia.com/mig-1g.10gb 1', false]);
  });

  it('with renamed time-slicing, switches to nvidia.com/gpu.shared safely', () => {
    const cluster = { ...MIXED_H100, migStrategy: undefined, timeSlicing: { replicas: 4, renamed: true } };
    const found = findings(gpuNonInteger, pod('nvidia.com/gpu', '0.5'), cluster);
    assert.deepEqual(firstFix(found), ['nvidia.com/gpu.shared 1', true]);
  });

  it('rounds more than one GPU up, for review', () => {
    assert.deepEqual(firstFix(findings(gpuNonInteger, pod('nvidia.com/gpu', '1.5'), MIXED_H100)), [
      '2',
      false,
    ]);
  });
});

describe('gpu/unknown-mig-profile fixes', () => {
  it('drops media extensions only when no media slice is large enough, and then not safely', () => {
    const found = findings(
      gpuUnknownMigProfile,
      pod('nvidia.com/mig-2g.20gb.me', '1', 'NVIDIA-H100-80GB-HBM3'),
    );
    assert.deepEqual(firstFix(found), ['nvidia.com/mig-2g.20gb', false]);
    assert.match(found[0]?.message ?? '', /not offered by H100-80GB GPUs/);
  });

  it('keeps a media slice when one fits', () => {
    const found = findings(
      gpuUnknownMigProfile,
      pod('nvidia.com/mig-1g.5gb.me', '1', 'NVIDIA-H100-80GB-HBM3'),
    );
    assert.deepEqual(firstFix(found), ['nvidia.com/mig-1g.10gb.me', true]);
  });

  it('reports slices on a cluster without MIG, with no fix to offer', () => {
    const cluster = { ...MIXED_H100, migStrategy: 'none' as const };
    const found = findings(gpuUnknownMigProfile, pod('nvidia.com/mig-1g.10gb', '1'), cluster);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.fixes, []);
  });

  it('names a malformed profile as such', () => {
    const found = findings(gpuUnknownMigProfile, pod('nvidia.com/mig-oneslice', '1'));
    assert.match(found[0]?.message ?? '', /is not a MIG profile name/);
    assert.deepEqual(found[0]?.fixes, []);
  });
});

describe('gpu/memory-limit-missing placeholder', () => {
  it('selects the placeholder value where the fix writes it', () => {
    const text = pod('nvidia.com/gpu', '1', 'NVIDIA-H100-80GB-HBM3');
    const [finding] = findings(gpuMemoryLimitMissing, text);
    const fix = finding?.fixes[0];
    assert.equal(fix?.safe, false);
    const fixed = applyEdits(text, fix?.changes[0]?.edits ?? []).text;
    const range = fix?.placeholder?.range;
    assert.ok(range);
    const line = fixed.split('\n')[range.start.line] ?? '';
    assert.equal(line.slice(range.start.character, range.end.character), '80Gi');
    assert.equal(line.trim(), 'memory: 80Gi');
  });

  it('copies the memory request without a placeholder, as a safe fix', () => {
    const text = pod('nvidia.com/gpu', '1').replace(
      '      resources:\n',
      '      resources:\n        requests: {memory: "12Gi"}\n',
    );
    const [finding] = findings(gpuMemoryLimitMissing, text);
    assert.deepEqual(firstFix([finding!]), ['\n          memory: "12Gi"', true]);
    assert.equal(finding?.fixes[0]?.placeholder, undefined);
  });
});

describe('pods pinned to a GPU without MIG', () => {
  it('get no MIG slice fix, even on a cluster that offers MIG elsewhere', () => {
    const found = findings(gpuNonInteger, pod('nvidia.com/gpu', '0.5', 'NVIDIA-L4'), {
      ...MIXED_H100,
      migProfiles: ['1g.10gb', '3g.40gb'],
    });
    assert.deepEqual(
      found[0]?.fixes.map((f) => f.title.split(':')[0]),
      ['Use a time-sliced GPU', 'Request 1 whole nvidia.com/gpu'],
    );
  });

  it('on a mixed cluster, slices of other GPU models are not offered', () => {
    const found = findings(gpuNonInteger, pod('nvidia.com/gpu', '0.1', 'NVIDIA-A100-SXM4-40GB'), {
      ...MIXED_H100,
      migProfiles: ['1g.5gb', '1g.10gb', '1g.12gb', '3g.20gb'],
    });
    assert.deepEqual(firstFix(found), ['nvidia.com/mig-1g.5gb 1', true]);
  });
});

describe('gpu/unknown-mig-profile on a mixed cluster', () => {
  it('checks a pinned pod against the part of the inventory on its model', () => {
    const cluster = { ...MIXED_H100, name: 'prod', migProfiles: ['1g.5gb', '2g.10gb', '1g.10gb', '3g.40gb'] };
    const found = findings(
      gpuUnknownMigProfile,
      pod('nvidia.com/mig-3g.40gb', '1', 'NVIDIA-A100-SXM4-40GB'),
      cluster,
    );
    assert.match(
      found[0]?.message ?? '',
      /not offered by the cluster prod's A100-40GB GPUs \(offered: 1g\.5gb, 2g\.10gb, 1g\.10gb\)/,
    );
    assert.deepEqual(firstFix(found), ['nvidia.com/mig-2g.10gb', false]);
    assert.deepEqual(findings(gpuUnknownMigProfile, pod('nvidia.com/mig-3g.40gb', '1'), cluster), []);
  });
});
