/** Argo Workflows and compiled Kubeflow pipelines: each step is a workload with its own role. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { readManifest } from '../../server/workloads/read-manifest.ts';
import { parseYaml } from '../../server/yaml/parse.ts';

const GPU = path.resolve(import.meta.dirname, '../fixtures/rules/gpu');
const fixture = (name: string) => readFileSync(path.join(GPU, name), 'utf8');

function steps(text: string) {
  const file = readManifest(parseYaml('file:///w/pipeline.yaml', text));
  return {
    source: file.source,
    steps: file.workloads.map((w) => ({
      name: w.name,
      kind: w.kind,
      role: w.role,
      containers: w.containers.map((c) => `${c.name}:${c.role}${c.isInit ? ':init' : ''}`),
    })),
    file,
  };
}

describe('Argo workflow steps', () => {
  it('reads each template that runs containers as a workload, with the role of its work', () => {
    const { source, steps: read } = steps(fixture('whole-device-request/positive-argo.yaml'));
    assert.equal(source, 'kubernetes');
    assert.deepEqual(read, [
      {
        name: 'llm-eval-/vllm-server',
        kind: 'Workflow',
        role: 'serving',
        containers: ['vllm-server:serving'],
      },
      { name: 'llm-eval-/benchmark', kind: 'Workflow', role: 'batch', containers: ['benchmark:batch'] },
      { name: 'rag-eval/tgi', kind: 'WorkflowTemplate', role: 'serving', containers: ['tgi:serving'] },
    ]);
  });

  it('reads CronWorkflow templates; a model server that runs to completion is batch inference', () => {
    const { steps: read } = steps(fixture('whole-device-request/negative-pipelines.yaml'));
    assert.deepEqual(
      read.map((s) => [s.name, s.role]),
      [
        ['nightly-finetune/finetune', 'training'],
        ['nightly-finetune/score-batch', 'batch'],
        ['churn-training/exec-train', 'training'],
      ],
    );
  });

  it('reads container sets, init containers and sidecars; a daemoned step that serves no model is long-running', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf, namespace: ml}
spec:
  nodeSelector: {nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB}
  templates:
    - name: cache
      daemon: true
      container: {image: redis:7.2.4}
    - name: pair
      nodeSelector: {pool: gpu}
      initContainers:
        - {name: fetch, image: ghcr.io/acme/fetch:1.0.0}
      sidecars:
        - {name: triton, image: nvcr.io/nvidia/tritonserver:24.08-py3}
      containerSet:
        containers:
          - {name: a, image: ghcr.io/acme/finetune:1.0.0, command: [python, train.py]}
          - {image: ghcr.io/acme/b:1.0.0}
    - name: main
      steps: [[{name: one, template: pair}]]
`;
    const { steps: read, file } = steps(text);
    assert.deepEqual(read, [
      { name: 'wf/cache', kind: 'Workflow', role: 'dev', containers: ['cache:dev'] },
      {
        name: 'wf/pair',
        kind: 'Workflow',
        role: 'training',
        containers: ['a:training', 'pair.containerSet[1]:training', 'fetch:training:init', 'triton:batch'],
      },
    ]);
    assert.deepEqual(file.workloads[1]?.nodeSelector, {
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
      pool: 'gpu',
    });
    assert.equal(file.workloads[1]?.namespace, 'ml');
  });

  it('a Workflow of another API group is no Argo workflow', () => {
    const { steps: read } = steps(
      'apiVersion: example.com/v1\nkind: Workflow\nspec:\n  templates:\n    - name: x\n      container: {image: a}\n',
    );
    assert.deepEqual(read, []);
  });
});

describe('compiled Kubeflow pipeline executors', () => {
  it('reads each container executor with its accelerator and memory as limits, in both compiler formats', () => {
    for (const [name, gpu, memory] of [
      ['oom-leaves-no-logs/negative-kfp.yaml', 'nvidia.com/gpu', '64G'],
      ['unknown-mig-profile/positive-kfp.yaml', 'nvidia.com/mig-2g.15gb', '16G'],
      ['whole-device-request/negative-pipelines.yaml', 'nvidia.com/gpu', '34.359738368'],
    ] as const) {
      const { file } = steps(fixture(name));
      const executor = file.workloads.find((w) => w.source === 'kubeflow-pipeline');
      assert.ok(executor, name);
      assert.equal(executor.kind, 'PipelineSpec');
      const container = executor.containers[0];
      assert.equal(container?.resources.limits.get(gpu)?.raw, '1', name);
      assert.equal(container?.resources.limits.get('memory')?.raw, memory, name);
      assert.equal(container?.resources.requests.size, 0);
    }
  });

  it('a pipeline with executors that run no container (importers) has no workloads for them', () => {
    const { steps: read, source } = steps(fixture('memory-limit-missing/positive-kfp.yaml'));
    assert.equal(source, 'kubeflow-pipeline');
    assert.deepEqual(
      read.map((s) => [s.name, s.role]),
      [
        ['churn-training/exec-preprocess', 'batch'],
        ['churn-training/exec-train', 'training'],
      ],
    );
    const importer = steps(`deploymentSpec:
  executors:
    exec-importer:
      importer:
        artifactUri: {constant: gs://bucket/model}
pipelineInfo: {name: p}
root: {dag: {tasks: {}}}
`);
    assert.equal(importer.source, 'kubeflow-pipeline');
    assert.deepEqual(importer.steps, []);
  });

  it('findings in a compiled pipeline carry no fixes: the file is generated from Python', () => {
    const findings = new Analyzer().analyze({
      uri: 'file:///w/pipeline.yaml',
      text: fixture('memory-limit-missing/positive-kfp.yaml'),
    }).findings;
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['gpu/memory-limit-missing'],
    );
    assert.deepEqual(findings[0]?.fixes, []);
    // The same container read as an Argo step gets its fix.
    const argo = new Analyzer().analyze({
      uri: 'file:///w/wf.yaml',
      text: fixture('memory-limit-missing/positive-argo.yaml'),
    }).findings;
    assert.equal(argo.find((f) => f.ruleId === 'gpu/memory-limit-missing')?.fixes.length, 1);
  });
});
