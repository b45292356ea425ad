import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container } from '../../server/workloads/model.ts';
import { readManifest } from '../../server/workloads/read-manifest.ts';
import { parseYaml } from '../../server/yaml/parse.ts';

function containers(text: string): Container[] {
  return readManifest(parseYaml('file:///w/pod.yaml', text)).workloads.flatMap((w) => w.containers);
}

function raw(map: ReadonlyMap<string, { raw: string }>): Record<string, string> {
  return Object.fromEntries([...map].map(([key, q]) => [key, q.raw]));
}

const MERGED = `apiVersion: v1
kind: Pod
metadata:
  name: merged
x-gpu: &gpu {nvidia.com/gpu: 1, memory: 8Gi}
x-cpu: &cpu {cpu: "2", memory: 4Gi}
spec:
  containers:
    - name: one
      image: ghcr.io/acme/one:1.0.0
      resources:
        requests: {<<: *gpu}
        limits:
          <<: [*gpu, *cpu]
          memory: 16Gi
`;

describe('container resources', () => {
  it('follows merge keys in requests and limits; own keys win, then merged maps in order', () => {
    const [one] = containers(MERGED);
    assert.deepEqual(raw(one!.resources.requests), { 'nvidia.com/gpu': '1', memory: '8Gi' });
    assert.deepEqual(raw(one!.resources.limits), { memory: '16Gi', 'nvidia.com/gpu': '1', cpu: '2' });
  });

  it('shares the pairs of a resources map reused through an alias', () => {
    const [a, b] = containers(`apiVersion: v1
kind: Pod
metadata:
  name: aliased
spec:
  containers:
    - name: a
      image: ghcr.io/acme/a:1.0.0
      resources: &res
        limits: {nvidia.com/mig-1g.10gb: "1"}
    - name: b
      image: ghcr.io/acme/b:1.0.0
      resources: *res
`);
    assert.deepEqual(raw(a!.resources.limits), { 'nvidia.com/mig-1g.10gb': '1' });
    assert.equal(
      a!.resources.limits.get('nvidia.com/mig-1g.10gb')?.pair,
      b!.resources.limits.get('nvidia.com/mig-1g.10gb')?.pair,
    );
  });

  it('does not loop on a merge key that points at its own map', () => {
    const [pod] = containers(`apiVersion: v1
kind: Pod
metadata:
  name: loop
spec:
  containers:
    - name: a
      image: ghcr.io/acme/a:1.0.0
      resources:
        limits: &self
          nvidia.com/gpu: 1
          <<: *self
`);
    assert.deepEqual(raw(pod?.resources.limits ?? new Map()), { 'nvidia.com/gpu': '1' });
  });
});
