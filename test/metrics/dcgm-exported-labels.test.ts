/**
 * A dcgm-exporter scraped without `honor_labels`: Kubernetes service discovery's `pod` and
 * `namespace` (the exporter's own pod) win, and real Prometheus renames the mapped ones to
 * `exported_pod`, `exported_namespace`, `exported_container`. The daemon still attributes each
 * device to the pod that holds it, and never to the exporter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GpuUsageResponse, PeakGpuMemoryResponse } from '../../daemon/api/contract.ts';
import type { TestDaemon } from '../daemon/daemon-harness.ts';
import { METRICS_API as API, startMetricsScene, type MetricsScene } from './metrics-scene.ts';
import { DcgmExporterFixture } from './dcgm-exporter-fixture.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing } from './prometheus-process.ts';

const missing = prometheusMissing('the exported-label tests');

describe('DCGM series with exported_* pod labels', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let scene: MetricsScene;
  let daemon: TestDaemon;

  before(async () => {
    exporter.set(
      {
        gpu: '0',
        uuid: 'GPU-1',
        hostname: 'node-a',
        pod: { namespace: 'ml', pod: 'ranker-5c8d7f9b6-q7w2z', container: 'server' },
      },
      { utilPercent: 70, fbUsedMiB: 21_000, fbFreeMiB: 60_000 },
    );
    exporter.set(
      { gpu: '1', uuid: 'GPU-2', hostname: 'node-a' },
      { utilPercent: 0, fbUsedMiB: 0, fbFreeMiB: 81_000 },
    );
    await exporter.start();
    scene = await startMetricsScene({
      jobs: [
        {
          job: 'gpu-operator/nvidia-dcgm-exporter',
          targets: [exporter.target],
          labels: {
            namespace: 'gpu-operator',
            pod: 'nvidia-dcgm-exporter-x8k2p',
            container: 'nvidia-dcgm-exporter',
          },
          honorLabels: false,
        },
      ],
    });
    daemon = scene.daemon;
  });
  after(async () => {
    await scene?.close();
    await exporter.stop();
  });

  it('reads the holding pod from exported_* labels', async () => {
    const usage = await pollUntil(
      async () =>
        (await daemon.call('GET', `${API}/gpu-usage`, { query: { context: 'lab' } }))
          .json as GpuUsageResponse,
      (r) => r.slices.length === 2,
      'two devices',
    );
    assert.deepEqual(
      usage.slices.map((s) => [s.gpu, s.namespace, s.pod, s.container]),
      [
        ['0', 'ml', 'ranker-5c8d7f9b6-q7w2z', 'server'],
        ['1', undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(
      usage.pods.map((p) => p.pod),
      ['ranker-5c8d7f9b6-q7w2z'],
    );
    const peak = (
      await daemon.call('GET', `${API}/gpu-peak-memory`, { query: { context: 'lab', window: '5m' } })
    ).json as PeakGpuMemoryResponse;
    assert.deepEqual(
      peak.workloads.map((w) => [w.kind, w.namespace, w.name, w.peak_fb_used_mib, w.device_fb_mib]),
      [['Deployment', 'ml', 'ranker', 21_000, 81_000]],
    );
  });
});
