/**
 * GPU-hours and cost of a training run from what it logged: the `mlops_lens.gpu.*` tags or
 * params, the per-GPU system metrics MLflow logs, or the cluster pod it ran in (whole GPUs, MIG
 * slices as sevenths, shared GPUs as replicas); priced by the longest matching key of the price
 * table, which a `gpu-prices.json` replaces and a malformed one is refused with its reason.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { NodeGpuInventory, Run } from '../../daemon/api/contract.ts';
import { DEFAULT_GPU_PRICES, gpuHourPrice, readGpuPriceTable } from '../../daemon/cost/gpu-price-table.ts';
import { podGpusOf } from '../../daemon/cost/pod-gpus.ts';
import { trainingRunCost } from '../../daemon/cost/training-run-cost.ts';
import { tempDir } from '../daemon/daemon-harness.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 1, 8);

function run(options: {
  hours?: number;
  status?: Run['info']['status'];
  tags?: Record<string, string>;
  params?: Record<string, string>;
  metrics?: string[];
}): Run {
  const info: Run['info'] = {
    run_id: 'r1',
    run_uuid: 'r1',
    run_name: 'train',
    experiment_id: '1',
    user_id: 'ana',
    status: options.status ?? 'FINISHED',
    start_time: START,
    artifact_uri: 'mlflow-artifacts:/1/r1/artifacts',
    lifecycle_stage: 'active',
  };
  if (options.hours !== undefined) info.end_time = START + options.hours * HOUR;
  const pairs = (record: Record<string, string> = {}) =>
    Object.entries(record).map(([key, value]) => ({ key, value }));
  return {
    info,
    data: {
      tags: pairs(options.tags),
      params: pairs(options.params),
      metrics: (options.metrics ?? []).map((key) => ({ key, value: 50, timestamp: START, step: 0 })),
    },
    inputs: { dataset_inputs: [] },
  };
}

test('tags give the GPU count and product; the longest price key wins', () => {
  const cost = trainingRunCost(
    run({ hours: 3, tags: { 'mlops_lens.gpu.count': '8', 'mlops_lens.gpu.type': 'NVIDIA A100-SXM4-80GB' } }),
    DEFAULT_GPU_PRICES,
    START + 10 * HOUR,
  );
  assert.deepEqual(
    [cost.gpu_count, cost.gpu_source, cost.duration_hours, cost.gpu_hours, cost.price_key, cost.cost],
    [8, 'tag', 3, 24, 'A100-SXM4-80GB', 60],
  );
  assert.equal(gpuHourPrice(DEFAULT_GPU_PRICES, 'NVIDIA A100-PCIE-40GB').key, 'A100');
  assert.deepEqual(gpuHourPrice(DEFAULT_GPU_PRICES, 'Radeon Instinct MI300X'), { key: 'default', price: 2 });
});

test('params count as tags, and a running run counts until now', () => {
  const cost = trainingRunCost(
    run({ status: 'RUNNING', params: { 'mlops_lens.gpu.count': '1', 'mlops_lens.gpu.type': 'Tesla T4' } }),
    DEFAULT_GPU_PRICES,
    START + 1.5 * HOUR,
  );
  assert.deepEqual([cost.duration_hours, cost.gpu_hours, cost.price_key, cost.cost], [1.5, 1.5, 'T4', 0.6]);
});

test('MLflow system metrics give the GPU count when nothing was declared', () => {
  const cost = trainingRunCost(
    run({
      hours: 2,
      metrics: [
        'system/gpu_0_utilization_percentage',
        'system/gpu_0_memory_usage_megabytes',
        'system/gpu_1_utilization_percentage',
        'system/cpu_utilization_percentage',
        'loss',
      ],
    }),
    DEFAULT_GPU_PRICES,
    START,
  );
  assert.deepEqual(
    [cost.gpu_count, cost.gpu_source, cost.gpu_hours, cost.price_key, cost.cost],
    [2, 'system_metrics', 4, 'default', 8],
  );
});

test("the cluster pod a run names gives its GPUs and the node's product", () => {
  const nodes: NodeGpuInventory[] = [
    {
      node: 'gpu-node-1',
      ready: true,
      unschedulable: false,
      labels: { product: 'NVIDIA-H100-80GB-HBM3' },
      resources: [],
      pods: [
        { namespace: 'research', name: 'trainer-0', resource: 'nvidia.com/mig-3g.40gb', amount: 1 },
        { namespace: 'research', name: 'trainer-0', resource: 'nvidia.com/mig-1g.10gb', amount: 2 },
        { namespace: 'ml', name: 'whole', resource: 'nvidia.com/gpu', amount: 2 },
      ],
    },
    {
      node: 'gpu-node-2',
      ready: true,
      unschedulable: false,
      labels: { product: 'Tesla-T4', replicas: 4 },
      resources: [],
      pods: [{ namespace: 'ml', name: 'shared', resource: 'nvidia.com/gpu.shared', amount: 1 }],
    },
  ];
  const trainer = podGpusOf(nodes, 'research', 'trainer-0');
  assert.equal(trainer?.product, 'NVIDIA-H100-80GB-HBM3');
  assert.ok(Math.abs((trainer?.count ?? 0) - 5 / 7) < 1e-12, 'a 3g and two 1g slices: 5/7 of a GPU');
  assert.deepEqual(podGpusOf(nodes, 'ml', 'whole'), { count: 2, product: 'NVIDIA-H100-80GB-HBM3' });
  assert.deepEqual(podGpusOf(nodes, 'ml', 'shared'), { count: 0.25, product: 'Tesla-T4' });
  assert.equal(podGpusOf(nodes, 'ml', 'gone'), undefined);
  const cost = trainingRunCost(
    run({ hours: 7, tags: { 'mlops_lens.k8s.pod': 'lab/ml/whole' } }),
    DEFAULT_GPU_PRICES,
    START,
    (context, namespace, pod) => (context === 'lab' ? podGpusOf(nodes, namespace, pod) : undefined),
  );
  assert.deepEqual(
    [cost.gpu_source, cost.gpu_count, cost.gpu_hours, cost.price_key, cost.cost],
    ['cluster_pod', 2, 14, 'H100', 49],
  );
  const unknownPod = trainingRunCost(
    run({ hours: 7, tags: { 'mlops_lens.k8s.pod': 'lab/ml/gone' } }),
    DEFAULT_GPU_PRICES,
    START,
    () => undefined,
  );
  assert.deepEqual([unknownPod.gpu_count, unknownPod.cost, unknownPod.gpu_source], [0, 0, undefined]);
});

test('gpu-prices.json replaces the defaults; a missing file keeps them, a malformed one is refused', () => {
  const dir = tempDir('mlops-lens-prices-');
  const file = path.join(dir, 'gpu-prices.json');
  assert.equal(readGpuPriceTable(file), DEFAULT_GPU_PRICES);
  writeFileSync(file, JSON.stringify({ currency: 'EUR', per_gpu_hour: { H100: 2.1 } }));
  const table = readGpuPriceTable(file);
  assert.deepEqual(table, { currency: 'EUR', per_gpu_hour: { H100: 2.1 }, default: 2, source: file });
  writeFileSync(file, JSON.stringify({ per_gpu_hour: { H100: -1 } }));
  assert.throws(
    () => readGpuPriceTable(file),
    /gpu-prices\.json is invalid: \/per_gpu_hour\/H100 must be >= 0/,
  );
  writeFileSync(file, '{"per_gpu_hour": ');
  assert.throws(() => readGpuPriceTable(file), /gpu-prices\.json is not JSON/);
});
