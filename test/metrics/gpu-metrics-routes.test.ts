/**
 * The daemon's GPU metrics routes over real HTTP, reading a real Prometheus that scrapes the
 * DCGM fixture every second: use per GPU, MIG slice and pod, values that change, the board's
 * history, peak memory per workload over a window, and Prometheus going down and coming back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ErrorResponse,
  GpuUsageHistoryResponse,
  GpuUsageResponse,
  PeakGpuMemoryResponse,
} from '../../daemon/api/contract.ts';
import type { TestDaemon } from '../daemon/daemon-harness.ts';
import { METRICS_API as API, startMetricsScene, type MetricsScene } from './metrics-scene.ts';
import { DcgmExporterFixture, type GpuDevice } from './dcgm-exporter-fixture.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing, type PrometheusProcess } from './prometheus-process.ts';

const missing = prometheusMissing('the GPU metrics route tests');

const host = 'gpu-node-1';
const uuid = 'GPU-559c7f49-2f13-4a6c-9d3b-0c6a2b1e9f10';
const servingSlice: GpuDevice = {
  gpu: '0',
  uuid,
  hostname: host,
  mig: { profile: '1g.10gb', instance: '9' },
  pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-x2k4q', container: 'server' },
};
const secondServingSlice: GpuDevice = {
  ...servingSlice,
  mig: { profile: '1g.10gb', instance: '10' },
  pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-b8mzn', container: 'server' },
};
const trainerGpu: GpuDevice = {
  gpu: '1',
  uuid: 'GPU-0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  hostname: host,
  pod: { namespace: 'research', pod: 'embedder-0', container: 'train' },
};
const idleGpu: GpuDevice = { gpu: '2', uuid: 'GPU-77777777-1111-2222-3333-444444444444', hostname: host };

describe('GPU metrics routes over real Prometheus', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let scene: MetricsScene;
  let prometheus: PrometheusProcess;
  let daemon: TestDaemon;
  const usage = async () =>
    (await daemon.call('GET', `${API}/gpu-usage`, { query: { context: 'lab' } })).json as GpuUsageResponse;

  before(async () => {
    await exporter.start();
    exporter.set(servingSlice, { utilPercent: 30, fbUsedMiB: 2_000, fbFreeMiB: 7_800 });
    exporter.set(secondServingSlice, { utilPercent: 50, fbUsedMiB: 3_000, fbFreeMiB: 6_800 });
    exporter.set(trainerGpu, { utilPercent: 95, fbUsedMiB: 61_000, fbFreeMiB: 20_000 });
    exporter.set(idleGpu, { utilPercent: 0, fbUsedMiB: 0, fbFreeMiB: 81_000 });
    scene = await startMetricsScene({
      jobs: [{ job: 'dcgm', targets: [exporter.target] }],
      daemon: {
        metrics: {
          // The cluster cache knows the trainer's pod; the serving pods are guessed from their names.
          podWorkloads: (context, namespace, pod) =>
            context === 'lab' && pod === 'embedder-0'
              ? { kind: 'StatefulSet', namespace, name: 'embedder' }
              : undefined,
        },
      },
    });
    ({ prometheus, daemon } = scene);
  });
  after(async () => {
    await scene?.close();
    await exporter.stop();
  });

  it('gives use and framebuffer per GPU and MIG slice, and per pod', async () => {
    const reply = await pollUntil(usage, (r) => r.slices.length === 4, 'four slices');
    assert.equal(reply.availability.state, 'available');
    assert.ok(reply.time !== undefined);
    assert.deepEqual(
      reply.slices.map((s) => [
        s.gpu,
        s.mig_profile,
        s.mig_instance,
        s.pod,
        s.util_percent,
        s.fb_used_mib,
        s.fb_free_mib,
      ]),
      [
        ['0', '1g.10gb', '9', 'churn-serving-7d9c5b6f4-x2k4q', 30, 2_000, 7_800],
        ['0', '1g.10gb', '10', 'churn-serving-7d9c5b6f4-b8mzn', 50, 3_000, 6_800],
        ['1', undefined, undefined, 'embedder-0', 95, 61_000, 20_000],
        ['2', undefined, undefined, undefined, 0, 0, 81_000],
      ],
    );
    assert.equal(reply.slices[0]?.uuid, uuid);
    assert.equal(reply.slices[0]?.model_name, 'NVIDIA H100 80GB HBM3');
    assert.equal(reply.slices[0]?.hostname, host);
    for (const slice of reply.slices) {
      const age = (reply.time ?? 0) - (slice.sampled_time ?? 0);
      assert.ok(age >= 0 && age < 5_000, `scraped ${age} ms before the answer`);
    }
    assert.deepEqual(reply.pods, [
      {
        namespace: 'ml',
        pod: 'churn-serving-7d9c5b6f4-b8mzn',
        devices: 1,
        fb_used_mib: 3_000,
        fb_free_mib: 6_800,
        util_percent: 50,
      },
      {
        namespace: 'ml',
        pod: 'churn-serving-7d9c5b6f4-x2k4q',
        devices: 1,
        fb_used_mib: 2_000,
        fb_free_mib: 7_800,
        util_percent: 30,
      },
      {
        namespace: 'research',
        pod: 'embedder-0',
        devices: 1,
        fb_used_mib: 61_000,
        fb_free_mib: 20_000,
        util_percent: 95,
      },
    ]);
  });

  it('follows the exporter when the values change, and keeps the peak over the window', async () => {
    exporter.set(servingSlice, { utilPercent: 80, fbUsedMiB: 9_100, fbFreeMiB: 700 });
    const raised = await pollUntil(
      usage,
      (r) => r.slices[0]?.fb_used_mib === 9_100,
      'the raised framebuffer',
    );
    // Held over more than one scrape, so that the history's 1 s steps cannot step over it.
    const firstScrape = raised.slices[0]?.sampled_time ?? 0;
    await pollUntil(usage, (r) => (r.slices[0]?.sampled_time ?? 0) > firstScrape + 1_500, 'a later scrape');
    exporter.set(servingSlice, { utilPercent: 20, fbUsedMiB: 1_500, fbFreeMiB: 8_300 });
    const lowered = await pollUntil(
      usage,
      (r) => r.slices[0]?.fb_used_mib === 1_500,
      'the lowered framebuffer',
    );
    assert.equal(lowered.slices[0]?.util_percent, 20);

    const peak = (
      await daemon.call('GET', `${API}/gpu-peak-memory`, { query: { context: 'lab', window: '10m' } })
    ).json as PeakGpuMemoryResponse;
    assert.equal(peak.availability.state, 'available');
    assert.equal(peak.window, '10m');
    assert.deepEqual(peak.workloads, [
      {
        kind: 'Deployment',
        namespace: 'ml',
        name: 'churn-serving',
        resolved_by: 'pod-name',
        peak_fb_used_mib: 9_100,
        device_fb_mib: 9_800,
        pods: ['churn-serving-7d9c5b6f4-b8mzn', 'churn-serving-7d9c5b6f4-x2k4q'],
      },
      {
        kind: 'StatefulSet',
        namespace: 'research',
        name: 'embedder',
        resolved_by: 'cluster',
        peak_fb_used_mib: 61_000,
        device_fb_mib: 81_000,
        pods: ['embedder-0'],
      },
    ]);
  });

  it('serves the history of each slice for the GPU board', async () => {
    const reply = (
      await daemon.call('GET', `${API}/gpu-usage/history`, {
        query: { context: 'lab', minutes: '2', step_seconds: '1' },
      })
    ).json as GpuUsageHistoryResponse;
    assert.equal(reply.availability.state, 'available');
    assert.equal(reply.step_seconds, 1);
    assert.equal(reply.series.length, 12, 'three metrics of four slices');
    const used = reply.series.find((s) => s.metric === 'fb_used_mib' && s.slice.mig_instance === '9');
    const values = used?.points.map(([, v]) => v) ?? [];
    assert.ok(
      values.includes(2_000) && values.includes(9_100) && values.at(-1) === 1_500,
      `saw ${values.join(', ')}`,
    );
  });

  it('narrows use and history to one node', async () => {
    const ask = async (route: string, hostname: string) =>
      (await daemon.call('GET', `${API}/${route}`, { query: { context: 'lab', hostname, minutes: '1' } }))
        .json as GpuUsageResponse | GpuUsageHistoryResponse;
    assert.equal(((await ask('gpu-usage', host)) as GpuUsageResponse).slices.length, 4);
    assert.equal(((await ask('gpu-usage/history', host)) as GpuUsageHistoryResponse).series.length, 12);
    // A name with quotes and backslashes is matched literally, never spliced into the PromQL.
    const odd = (await ask('gpu-usage', 'gpu-node-1"} or vector(1) #\\')) as GpuUsageResponse;
    assert.equal(odd.availability.state, 'available');
    assert.deepEqual(odd.slices, []);
    assert.deepEqual(((await ask('gpu-usage/history', 'gpu-node-2')) as GpuUsageHistoryResponse).series, []);
  });

  it('says when Prometheus is down and since when, with no old numbers, and recovers', async () => {
    const stopped = Date.now();
    await prometheus.stop();
    const down = await usage();
    assert.equal(down.availability.state, 'unavailable');
    assert.deepEqual(down.slices, []);
    assert.deepEqual(down.pods, []);
    assert.equal(down.time, undefined);
    assert.match(down.availability.reason ?? '', /ECONNREFUSED/);
    const since = down.availability.unavailable_since;
    assert.ok(since !== undefined);
    const peak = (await daemon.call('GET', `${API}/gpu-peak-memory`, { query: { context: 'lab' } }))
      .json as PeakGpuMemoryResponse;
    assert.equal(peak.availability.state, 'unavailable');
    assert.equal(peak.availability.unavailable_since, since, 'still failing since the first failure');
    assert.deepEqual(peak.workloads, []);

    const restarted = Date.now();
    await prometheus.restart();
    // Until its first scrape, a restarted Prometheus answers with samples from before it stopped:
    // each slice says how old its values are, so they are never passed off as current.
    const first = await usage();
    assert.equal(first.availability.state, 'available');
    assert.equal(first.availability.unavailable_since, undefined);
    for (const slice of first.slices) {
      const sampled = slice.sampled_time ?? NaN;
      assert.ok(
        sampled <= stopped || sampled >= restarted,
        `sampled at ${sampled}, while Prometheus was down`,
      );
    }
    const back = await pollUntil(
      usage,
      (r) => r.slices.length === 4 && r.slices.every((s) => (s.sampled_time ?? 0) >= restarted),
      'samples scraped after the restart',
    );
    assert.equal(back.slices[0]?.fb_used_mib, 1_500);
  });

  it('leaves the time Prometheus was down out of the history, never the last value held flat', async () => {
    const history = async () =>
      (
        await daemon.call('GET', `${API}/gpu-usage/history`, {
          query: { context: 'lab', minutes: '2', step_seconds: '1' },
        })
      ).json as GpuUsageHistoryResponse;
    await pollUntil(usage, (r) => r.slices.length === 4, 'four slices scraped');
    await prometheus.stop();
    const stopped = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const restarted = Date.now();
    await prometheus.restart();
    await pollUntil(
      usage,
      (r) => r.slices.length === 4 && r.slices.every((s) => (s.sampled_time ?? 0) >= restarted),
      'samples scraped after the restart',
    );
    const reply = await history();
    assert.equal(reply.availability.state, 'available');
    assert.equal(reply.series.length, 12, 'three metrics of four slices');
    // Prometheus's lookback would repeat the last sample for 5 minutes; one step of slack either side.
    const inside = (time: number) => time > stopped + 2_000 && time < restarted - 1_000;
    for (const { slice, metric, points } of reply.series) {
      const held = points.filter(([time]) => inside(time));
      assert.deepEqual(
        held,
        [],
        `${metric} of GPU ${slice.gpu} ${slice.mig_instance ?? ''} inside the outage`,
      );
      assert.ok(
        points.some(([time]) => time < stopped),
        `${metric}: points before the outage`,
      );
      assert.ok(
        points.some(([time]) => time > restarted),
        `${metric}: points after the outage`,
      );
    }
  });

  it('refuses unknown contexts and bad windows, naming the parameter', async () => {
    const unknown = await daemon.call('GET', `${API}/gpu-usage`, { query: { context: 'nowhere' } });
    assert.equal(unknown.status, 404);
    assert.match((unknown.json as ErrorResponse).message, /No Prometheus is set for context 'nowhere'/);
    const window = await daemon.call('GET', `${API}/gpu-peak-memory`, {
      query: { context: 'lab', window: 'an hour' },
    });
    assert.equal(window.status, 400);
    assert.match((window.json as ErrorResponse).message, /'window' must be a Prometheus duration/);
    const points = await daemon.call('GET', `${API}/gpu-usage/history`, {
      query: { context: 'lab', minutes: '10080', step_seconds: '1' },
    });
    assert.equal(points.status, 400);
    assert.match((points.json as ErrorResponse).message, /more than 11000 points/);
  });
});
