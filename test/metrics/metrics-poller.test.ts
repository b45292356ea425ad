/**
 * The daemon's metrics poller against real Prometheus: serving alerts are raised through the
 * alert center without anyone asking the serving route, and each workload's peak GPU memory is
 * handed to the cluster views only while the last poll is fresh.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AlertsResponse } from '../../daemon/api/contract.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { ClusterMetrics } from '../../daemon/metrics/cluster-metrics.ts';
import { MetricsPoller } from '../../daemon/metrics/metrics-poller.ts';
import { ERROR_RATE_RULE, P99_LATENCY_RULE } from '../../daemon/metrics/serving-alert-rules.ts';
import type { TestDaemon } from '../daemon/daemon-harness.ts';
import { startMetricsScene, type MetricsScene } from './metrics-scene.ts';
import { DcgmExporterFixture } from './dcgm-exporter-fixture.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing, type PrometheusProcess } from './prometheus-process.ts';
import { ServingMetricsFixture } from './serving-metrics-fixture.ts';

const missing = prometheusMissing('the metrics poller tests');

describe('metrics poller over real Prometheus', { skip: missing }, () => {
  const server = new ServingMetricsFixture();
  const exporter = new DcgmExporterFixture();
  let scene: MetricsScene;
  let prometheus: PrometheusProcess;
  let daemon: TestDaemon;

  before(async () => {
    await server.start();
    await exporter.start();
    server.setTraffic({ requestsPerSecond: 100, latencySeconds: 0.04, errorShare: 0 });
    exporter.set(
      {
        gpu: '0',
        uuid: 'GPU-1',
        hostname: 'node-a',
        mig: { profile: '3g.40gb', instance: '1' },
        pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-x2k4q', container: 'server' },
      },
      { utilPercent: 40, fbUsedMiB: 12_345, fbFreeMiB: 28_000 },
    );
    scene = await startMetricsScene({
      jobs: [
        { job: 'churn-serving', targets: [server.target] },
        { job: 'dcgm', targets: [exporter.target] },
      ],
      daemon: {
        metrics: {
          pollIntervalMs: 500,
          servingRules: {
            p99Latency: { ...P99_LATENCY_RULE, forSeconds: 3 },
            errorRate: { ...ERROR_RATE_RULE, forSeconds: 3 },
          },
        },
      },
      settings: {
        serving_selector: 'job="churn-serving"',
        rate_window: '3s',
        serving_model: { name: 'churn', version: '3' },
      },
    });
    ({ prometheus, daemon } = scene);
  });
  after(async () => {
    await scene?.close();
    await server.stop();
    await exporter.stop();
  });

  const alerts = async () =>
    (
      (
        await daemon.call('GET', '/api/mlops-lens/v1/alerts', {
          query: { model_name: 'churn', model_version: '3' },
        })
      ).json as AlertsResponse
    ).alerts;

  it('raises a serving alert for the served model version when latency breaks, and resolves it after', async () => {
    assert.deepEqual(await alerts(), []);
    server.setTraffic({ requestsPerSecond: 100, latencySeconds: 0.3, errorShare: 0 });
    const raised = await pollUntil(
      alerts,
      (list) => list.some((a) => a.rule === 'serving/p99-latency' && a.status !== 'resolved'),
      'a p99 latency alert',
    );
    const latency = raised.find((a) => a.rule === 'serving/p99-latency');
    // The alert table holds it pending for 5 minutes before it opens.
    assert.equal(latency?.status, 'pending');
    assert.ok(latency.value > 200 && latency.value <= 500, `${latency?.value} ms`);
    assert.ok(!raised.some((a) => a.rule === 'serving/error-rate'), 'no 5xx answers, no error-rate alert');

    server.setTraffic({ requestsPerSecond: 100, latencySeconds: 0.04, errorShare: 0 });
    const resolved = await pollUntil(
      alerts,
      (list) => list.find((a) => a.alert_id === latency?.alert_id)?.status === 'resolved',
      'the alert resolved',
    );
    assert.ok(resolved.length >= 1);
  });

  it("hands out a workload's peak GPU memory only while the last poll is fresh", async () => {
    let clock = Date.now();
    const metrics = new ClusterMetrics({ store: daemon.store, now: () => clock });
    const poller = new MetricsPoller({
      metrics,
      store: daemon.store,
      logger: createLogger(() => undefined),
      intervalMs: 60_000,
      peakWindow: '10m',
      now: () => clock,
    });
    const workload = { kind: 'Deployment', namespace: 'ml', name: 'churn-serving' };
    assert.equal(poller.peakGpuMemory('lab', workload), undefined, 'nothing before the first poll');
    await pollUntil(
      async () => {
        clock = Date.now();
        await poller.pollOnce();
        return poller.peakGpuMemory('lab', workload);
      },
      (peak) => peak === 12_345,
      'the peak from the first scrape',
    );
    clock += 2 * 60_000 + 1;
    assert.equal(poller.peakGpuMemory('lab', workload), undefined, 'withheld once two polls were missed');

    await prometheus.stop();
    clock = Date.now();
    await poller.pollOnce();
    assert.equal(poller.peakGpuMemory('lab', workload), undefined, 'withheld while Prometheus is down');
  });
});
