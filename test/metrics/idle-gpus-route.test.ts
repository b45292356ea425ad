/**
 * Idle GPUs over real HTTP, from a real Prometheus scraping the DCGM fixture every second: a
 * notebook pod's GPU under 5% for the whole span is listed, a busy serving slice and a GPU no pod
 * holds are not, a higher threshold lists the serving slice too, and a pod first seen part-way
 * through the span is not idle "for hours". The span is seconds here; the daemon takes hours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IdleGpusResponse } from '../../daemon/api/cost-contract.ts';
import { DcgmExporterFixture, type GpuDevice } from './dcgm-exporter-fixture.ts';
import { startMetricsScene, type MetricsScene } from './metrics-scene.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing } from './prometheus-process.ts';

const missing = prometheusMissing('the idle GPU route tests');
const COST_API = '/api/mlops-lens/v1/cost';
const SPAN_SECONDS = 8;
const host = 'gpu-node-1';

const notebook: GpuDevice = {
  gpu: '0',
  uuid: 'GPU-11111111-2222-3333-4444-555555555555',
  hostname: host,
  pod: { namespace: 'research', pod: 'jupyter-ana', container: 'notebook' },
};
const serving: GpuDevice = {
  gpu: '1',
  uuid: 'GPU-66666666-7777-8888-9999-000000000000',
  hostname: host,
  mig: { profile: '1g.10gb', instance: '9' },
  pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-x2k4q', container: 'server' },
};
const unassigned: GpuDevice = { gpu: '2', uuid: 'GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', hostname: host };
const latecomer: GpuDevice = {
  gpu: '3',
  uuid: 'GPU-ffffffff-1111-2222-3333-444444444444',
  hostname: host,
  pod: { namespace: 'research', pod: 'jupyter-bo', container: 'notebook' },
};

describe('idle GPUs from the metrics history', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let scene: MetricsScene;
  const idle = async (query: Record<string, string> = {}) => {
    const reply = await scene.daemon.call('GET', `${COST_API}/idle-gpus`, {
      query: { context: 'lab', hours: String(SPAN_SECONDS / 3600), ...query },
    });
    assert.equal(reply.status, 200, reply.text);
    return reply.json as IdleGpusResponse;
  };

  before(async () => {
    await exporter.start();
    exporter.set(notebook, { utilPercent: 2, fbUsedMiB: 1_000, fbFreeMiB: 80_000 });
    exporter.set(serving, { utilPercent: 40, fbUsedMiB: 3_000, fbFreeMiB: 6_800 });
    exporter.set(unassigned, { utilPercent: 0, fbUsedMiB: 0, fbFreeMiB: 81_000 });
    scene = await startMetricsScene({ jobs: [{ job: 'dcgm', targets: [exporter.target] }] });
  });
  after(async () => {
    await scene?.close();
    await exporter.stop();
  });

  it('lists the pod whose GPU stayed under 5% for the span, and no other', async () => {
    const reply = await pollUntil(idle, (r) => r.idle.length > 0, 'an idle GPU');
    assert.equal(reply.availability?.state, 'available');
    assert.equal(reply.threshold_percent, 5);
    assert.deepEqual(
      reply.idle.map((g) => [g.namespace, g.pod, g.gpu, g.max_util_percent, g.mean_util_percent]),
      [['research', 'jupyter-ana', '0', 2, 2]],
    );
    assert.ok((reply.idle[0]?.idle_hours ?? 0) * 3600 >= 0.9 * SPAN_SECONDS);
  });

  it('a higher threshold lists the serving slice too', async () => {
    const reply = await idle({ threshold_percent: '50' });
    assert.deepEqual(
      reply.idle.map((g) => [g.pod, g.mig_profile ?? '']),
      [
        ['churn-serving-7d9c5b6f4-x2k4q', '1g.10gb'],
        ['jupyter-ana', ''],
      ],
    );
  });

  it('a pod seen for less than the span is not idle for it', async () => {
    exporter.set(latecomer, { utilPercent: 1, fbUsedMiB: 500, fbFreeMiB: 80_000 });
    const seen = async () =>
      (await scene.daemon.call('GET', '/api/mlops-lens/v1/metrics/gpu-usage', { query: { context: 'lab' } }))
        .json as { pods: { pod: string }[] };
    await pollUntil(seen, (r) => r.pods.some((p) => p.pod === 'jupyter-bo'), 'the latecomer scraped');
    assert.deepEqual(
      (await idle()).idle.map((g) => g.pod),
      ['jupyter-ana'],
    );
  });

  it('refuses a bad span or threshold', async () => {
    const call = (query: Record<string, string>) =>
      scene.daemon.call('GET', `${COST_API}/idle-gpus`, { query: { context: 'lab', ...query } });
    const zero = await call({ hours: '0' });
    assert.equal(zero.status, 400);
    assert.match(zero.text, /'hours' must be above 0 and at most 168/);
    const threshold = await call({ threshold_percent: '120' });
    assert.equal(threshold.status, 400);
    assert.match(threshold.text, /'threshold_percent' must be above 0 and at most 100/);
  });
});
