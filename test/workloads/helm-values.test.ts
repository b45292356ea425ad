import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifest } from '../../server/workloads/read-manifest.ts';
import { parseYaml } from '../../server/yaml/parse.ts';

const VALUES = `nodeSelector:
  nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB
server:
  image: {repository: vllm/vllm-openai, tag: v0.6.3}
  resources:
    limits: {nvidia.com/gpu: 1}
worker:
  nodeSelector:
    nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3
    gpu-count: 8
  resources:
    limits:
      nvidia.com/gpu: 8
`;

describe('Helm values workloads', () => {
  it('reads the node selector beside a resources block, else the top-level one', () => {
    const file = readManifest(parseYaml('file:///chart/values.yaml', VALUES));
    assert.deepEqual(
      file.workloads.map((w) => [w.name, w.nodeSelector]),
      [
        ['server', { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' }],
        ['worker', { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'gpu-count': '8' }],
      ],
    );
  });

  it('leaves the node selector empty when the values declare none', () => {
    const file = readManifest(
      parseYaml('file:///chart/values-prod.yaml', 'api:\n  resources:\n    limits: {nvidia.com/gpu: 1}\n'),
    );
    assert.deepEqual(file.workloads[0]?.nodeSelector, {});
    assert.equal(file.workloads[0]?.role, 'dev');
  });
});
