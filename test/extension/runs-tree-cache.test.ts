import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Run } from '../../daemon/api/contract.ts';
import { runCostDescription } from '../../extension/views/run-cost-text.ts';
import { RunsTreeCache, type ExperimentNode, type RunsNode } from '../../extension/views/runs-tree-cache.ts';
import { startTestDaemon, type TestDaemon } from '../daemon/daemon-harness.ts';
import { requester } from './daemon-requester.ts';

describe('the Runs view cache', () => {
  let daemon: TestDaemon;
  const ok = async (endpoint: string, payload: Record<string, unknown>) => {
    const reply = await daemon.mlflow('POST', endpoint, payload);
    assert.equal(reply.status, 200, reply.text);
    return reply.json as Record<string, unknown>;
  };
  const createRun = async (experimentId: string, name: string): Promise<string> =>
    (
      (await ok('runs/create', { experiment_id: experimentId, run_name: name, start_time: Date.now() })) as {
        run: Run;
      }
    ).run.info.run_id;
  const labels = (nodes: readonly RunsNode[]) =>
    nodes.map((n) =>
      n.kind === 'experiment' ? n.experiment.name : n.kind === 'run' ? n.run.info.run_name : n.text,
    );

  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => {
    await daemon.close();
  });

  it('signals no change when a refresh fetches the same data, and keeps every node', async () => {
    const { request, count } = requester(daemon);
    const cache = new RunsTreeCache(request);
    const { experiment_id } = (await ok('experiments/create', { name: 'unchanged' })) as {
      experiment_id: string;
    };
    const runId = await createRun(experiment_id, 'steady');
    await ok('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'auc', value: 0.8, timestamp: 1, step: 0 }],
      params: [{ key: 'lr', value: '0.1' }],
    });
    const root = await cache.rootNodes();
    const experiment = root.find(
      (n): n is ExperimentNode => n.kind === 'experiment' && n.experiment.name === 'unchanged',
    );
    assert.ok(experiment);
    const runs = await cache.runNodes(experiment);
    assert.deepEqual(labels(runs), ['steady']);

    const fetchesBefore = count();
    for (let i = 0; i < 3; i++) assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
    assert.ok(count() > fetchesBefore, 'each refresh asked the daemon again');
    assert.equal(await cache.rootNodes(), root, 'the same top-level list');
    assert.equal((await cache.runNodes(experiment))[0], runs[0], 'the same run node');

    // A tag is not on screen: still no change.
    await ok('runs/set-tag', { run_id: runId, key: 'note', value: 'x' });
    assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
  });

  it('names only the run whose row changed, or the experiment whose run list changed', async () => {
    const cache = new RunsTreeCache(requester(daemon).request);
    const { experiment_id } = (await ok('experiments/create', { name: 'live' })) as { experiment_id: string };
    const first = await createRun(experiment_id, 'first');
    await createRun(experiment_id, 'second');
    const experiment = (await cache.rootNodes()).find(
      (n): n is ExperimentNode => n.kind === 'experiment' && n.experiment.name === 'live',
    );
    assert.ok(experiment);
    const runs = await cache.runNodes(experiment);
    const firstNode = runs.find((n) => n.run.info.run_id === first);

    await ok('runs/log-metric', { run_id: first, key: 'loss', value: 0.5, timestamp: 2, step: 1 });
    const metricChange = await cache.refresh();
    assert.equal(metricChange.root, false);
    assert.equal(metricChange.nodes.length, 1);
    assert.equal(metricChange.nodes[0], firstNode, 'the run node itself, updated in place');
    assert.equal(firstNode?.run.data.metrics[0]?.value, 0.5);

    await createRun(experiment_id, 'third');
    const runAdded = await cache.refresh();
    assert.deepEqual(runAdded, { root: false, nodes: [experiment] });
    const after = await cache.runNodes(experiment);
    assert.deepEqual(labels(after), ['third', 'second', 'first']);
    assert.equal(after[2], firstNode, 'runs already shown keep their node');
  });

  it('prices each run by the GPUs it used, and re-renders a run when its cost changes', async () => {
    const cache = new RunsTreeCache(requester(daemon).request);
    const { experiment_id } = (await ok('experiments/create', { name: 'priced' })) as {
      experiment_id: string;
    };
    const start = Date.now() - 3 * 3_600_000;
    const gpuRun = (
      (await ok('runs/create', {
        experiment_id,
        run_name: 'on-h100',
        start_time: start,
        tags: [
          { key: 'mlops_lens.gpu.count', value: '2' },
          { key: 'mlops_lens.gpu.type', value: 'NVIDIA H100 80GB HBM3' },
        ],
      })) as { run: Run }
    ).run.info.run_id;
    await ok('runs/update', { run_id: gpuRun, status: 'FINISHED', end_time: start + 1.5 * 3_600_000 });
    const cpuRun = await createRun(experiment_id, 'on-cpu');
    await ok('runs/update', { run_id: cpuRun, status: 'FINISHED', end_time: Date.now() });
    const experiment = (await cache.rootNodes()).find(
      (n): n is ExperimentNode => n.kind === 'experiment' && n.experiment.name === 'priced',
    );
    assert.ok(experiment);
    const [cpuNode, gpuNode] = await cache.runNodes(experiment);
    assert.equal(gpuNode?.run.info.run_name, 'on-h100');
    // 2 GPUs for 1.5 hours at the default H100 price of 3.50 USD.
    assert.deepEqual(
      [gpuNode?.cost?.gpu_hours, gpuNode?.cost?.price_key, gpuNode?.cost?.cost],
      [3, 'H100', 10.5],
    );
    assert.equal(runCostDescription(gpuNode?.cost), '3 GPU-h · 10.50 USD');
    assert.equal(cpuNode?.cost?.gpu_count, 0);
    assert.equal(runCostDescription(cpuNode?.cost), undefined);

    await ok('runs/set-tag', { run_id: gpuRun, key: 'mlops_lens.gpu.count', value: '4' });
    const changes = await cache.refresh();
    assert.deepEqual(changes, { root: false, nodes: [gpuNode] });
    assert.equal(runCostDescription(gpuNode?.cost), '6 GPU-h · 21.00 USD');
  });

  it('re-reads the top level when an experiment appears, keeping the nodes of the others', async () => {
    const cache = new RunsTreeCache(requester(daemon).request);
    const before = await cache.rootNodes();
    await ok('experiments/create', { name: 'newcomer' });
    assert.deepEqual(await cache.refresh(), { root: true, nodes: [] });
    const after = await cache.rootNodes();
    assert.ok(labels(after).includes('newcomer'));
    for (const node of before) assert.ok(after.includes(node), `kept ${labels([node]).join('')}`);
    assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
  });

  it('fetches nothing on a refresh before the view first read it', async () => {
    const { request, count } = requester(daemon);
    const cache = new RunsTreeCache(request);
    assert.deepEqual(await cache.refresh(), { root: false, nodes: [] });
    assert.equal(count(), 0);
    assert.ok(labels(await cache.rootNodes()).includes('Default'));
  });
});
