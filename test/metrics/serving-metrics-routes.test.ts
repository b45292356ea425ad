/**
 * Serving p99 latency, error rate and their two alert rules, read by the daemon from a real
 * Prometheus that scrapes a model server's request metrics every second. The rules keep the
 * alert table's thresholds (200 ms, 1%) with `for` durations of seconds, so that pending, firing
 * and recovery happen within the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ErrorResponse,
  PrometheusSettings,
  ServingAlertVerdict,
  ServingHealthResponse,
} from '../../daemon/api/contract.ts';
import { ERROR_RATE_RULE, P99_LATENCY_RULE } from '../../daemon/metrics/serving-alert-rules.ts';
import type { TestDaemon } from '../daemon/daemon-harness.ts';
import { METRICS_API as API, startMetricsScene, type MetricsScene } from './metrics-scene.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing, type PrometheusProcess } from './prometheus-process.ts';
import { ServingMetricsFixture } from './serving-metrics-fixture.ts';

const missing = prometheusMissing('the serving metrics route tests');

const LATENCY_FOR_S = 4;
const ERRORS_FOR_S = 3;

function verdict(reply: ServingHealthResponse, rule: ServingAlertVerdict['rule']): ServingAlertVerdict {
  const found = reply.alerts.find((a) => a.rule === rule);
  assert.ok(found, `no verdict for ${rule}`);
  return found;
}

describe('serving metrics and alerts over real Prometheus', { skip: missing }, () => {
  const server = new ServingMetricsFixture();
  let scene: MetricsScene;
  let prometheus: PrometheusProcess;
  let daemon: TestDaemon;
  const serving = async () =>
    (await daemon.call('GET', `${API}/serving`, { query: { context: 'lab' } })).json as ServingHealthResponse;

  before(async () => {
    await server.start();
    server.setTraffic({ requestsPerSecond: 100, latencySeconds: 0.04, errorShare: 0 });
    scene = await startMetricsScene({
      jobs: [{ job: 'churn-serving', targets: [server.target] }],
      daemon: {
        metrics: {
          servingRules: {
            p99Latency: { ...P99_LATENCY_RULE, forSeconds: LATENCY_FOR_S },
            errorRate: { ...ERROR_RATE_RULE, forSeconds: ERRORS_FOR_S },
          },
        },
      },
      settings: { serving_selector: 'job="churn-serving"', rate_window: '3s' },
    });
    ({ prometheus, daemon } = scene);
  });
  after(async () => {
    await scene?.close();
    await server.stop();
  });

  it('reads p99 latency from the histogram and a zero error rate; both rules inactive', async () => {
    const reply = await pollUntil(
      serving,
      (r) => r.p99_latency_seconds !== undefined && r.error_rate !== undefined,
      'serving metrics',
    );
    assert.equal(reply.availability.state, 'available');
    // Every request took 40 ms: the 99th percentile falls in the (25 ms, 50 ms] bucket.
    assert.ok(
      reply.p99_latency_seconds! > 0.025 && reply.p99_latency_seconds! <= 0.05,
      `p99 ${reply.p99_latency_seconds}`,
    );
    assert.equal(reply.error_rate, 0);
    assert.equal(verdict(reply, 'serving_p99_latency').state, 'inactive');
    assert.equal(verdict(reply, 'serving_error_rate').state, 'inactive');
  });

  it('holds an alert pending until its condition has lasted its duration, then fires', async () => {
    server.setTraffic({ requestsPerSecond: 100, latencySeconds: 0.3, errorShare: 0.05 });
    const seen: ServingHealthResponse[] = [];
    const firing = await pollUntil(
      async () => {
        const reply = await serving();
        seen.push(reply);
        return reply;
      },
      (r) =>
        verdict(r, 'serving_p99_latency').state === 'firing' &&
        verdict(r, 'serving_error_rate').state === 'firing',
      'both alerts firing',
    );
    const latencyStates = seen.map((r) => verdict(r, 'serving_p99_latency').state);
    const firstAbove = latencyStates.findIndex((s) => s !== 'inactive');
    assert.equal(latencyStates[firstAbove], 'pending', `latency states ${latencyStates.join(' ')}`);
    const latency = verdict(firing, 'serving_p99_latency');
    assert.ok(latency.value! > 0.25 && latency.value! <= 0.5, `p99 ${latency.value}`);
    assert.ok(latency.active_since! <= Date.now() - LATENCY_FOR_S * 1000);
    assert.match(latency.summary, /p99 latency \d+ ms: p99 latency > 200 ms for 4 s/);
    const errors = verdict(firing, 'serving_error_rate');
    assert.ok(Math.abs(errors.value! - 0.05) < 0.02, `error rate ${errors.value}`);
    assert.equal(firing.error_rate, errors.value);
    assert.equal(firing.p99_latency_seconds, latency.value);
  });

  it('goes back to inactive when latency and errors recover', async () => {
    server.setTraffic({ requestsPerSecond: 100, latencySeconds: 0.04, errorShare: 0 });
    const reply = await pollUntil(
      serving,
      (r) => r.alerts.every((a) => a.state === 'inactive'),
      'both alerts inactive',
    );
    assert.ok(reply.p99_latency_seconds! <= 0.05);
  });

  it('refuses serving PromQL that Prometheus refuses, naming the field, and keeps the old settings', async () => {
    const before = (await daemon.call('GET', `${API}/prometheus`, { query: { context: 'lab' } }))
      .json as PrometheusSettings;
    const bad = await daemon.call('PUT', `${API}/prometheus`, {
      body: {
        context: 'lab',
        p99_latency_query:
          'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{$selector}[$window]))',
      },
    });
    assert.equal(bad.status, 400);
    assert.match(
      (bad.json as ErrorResponse).message,
      /^'p99_latency_query': Prometheus refused it \(bad_data\): .*parse error/,
    );
    const after = (await daemon.call('GET', `${API}/prometheus`, { query: { context: 'lab' } }))
      .json as PrometheusSettings;
    assert.deepEqual(after, before);
  });

  it('judges nothing while Prometheus is down, and says since when', async () => {
    await prometheus.stop();
    const reply = await serving();
    assert.equal(reply.availability.state, 'unavailable');
    assert.ok(reply.availability.unavailable_since !== undefined);
    assert.equal(reply.p99_latency_seconds, undefined);
    assert.equal(reply.error_rate, undefined);
    assert.deepEqual(
      reply.alerts.map((a) => a.state),
      ['unknown', 'unknown'],
    );
  });
});
