/**
 * A business metric as a canary rollback trigger, against the fake API server: a canary whose
 * latency improves but whose business metric drops is rolled back with both values in the reason,
 * whether the values are pushed to the daemon over HTTP or read by PromQL from a real Prometheus.
 * A canary that does better is promoted. The same metric is an A/B test's primary metric.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AbTest } from '../../daemon/api/ab-test-contract.ts';
import { NATIVE_API_PREFIX, type DeploymentPlan } from '../../daemon/api/contract.ts';
import type { GuardrailReading } from '../../daemon/deploy/guardrails.ts';
import { CONTEXT } from '../clusters/cluster-daemon.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from '../metrics/prometheus-process.ts';
import { DEPLOYMENTS, startDeploymentDaemon, TARGET, type DeploymentDaemon } from './deployment-daemon.ts';

const BUSINESS = `${NATIVE_API_PREFIX}/business-metrics`;
const CANARY = { ...TARGET, model_version: '2', strategy: 'canary' };

/** What the shop's exporter says per served version: version 2 converts less. */
const EXPORTED = [
  'shop_checkout_conversion{service="fraud",version="1"} 0.12',
  'shop_checkout_conversion{service="fraud",version="2"} 0.09',
  '',
].join('\n');

describe('business metric guardrail (fake API server, pushed values and real Prometheus)', () => {
  let scene: DeploymentDaemon;
  let exporter: Server | undefined;
  let prometheus: PrometheusProcess | undefined;
  /** The serving guardrails: version 2 is faster than the 200 ms threshold and makes no errors. */
  const serving: GuardrailReading = { 'p99-latency': 40, 'error-rate': 0 };
  const call = (method: string, path: string, body?: unknown) => scene.call(method, path, body);
  const finished = async (body: Record<string, unknown>) => scene.finished(await scene.deploy(body));
  const managed = () => scene.managed();

  before(async () => {
    scene = await startDeploymentDaemon({ versions: ['1', '2'], reading: () => serving });
    const first = await finished({ model_version: '1' });
    assert.equal(first.state, 'promoted', JSON.stringify(first.events));
  });
  after(async () => {
    await scene.close();
    await prometheus?.close();
    exporter?.close();
  });

  it('refuses a deployment naming an undefined business metric, and plans the trigger for a defined one', async () => {
    const undefinedMetric = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...CANARY,
      business_metric: 'conversion_rate',
    });
    assert.equal(undefinedMetric.status, 400);
    assert.match(undefinedMetric.text, /Business metric 'conversion_rate' is not defined/);
    const noDirection = await call('PUT', `${BUSINESS}/conversion_rate`, {});
    assert.equal(noDirection.status, 400);
    assert.match(noDirection.text, /'direction' is required/);
    const defined = await call('PUT', `${BUSINESS}/conversion_rate`, {
      direction: 'higher',
      window_seconds: 600,
    });
    assert.equal(defined.status, 200, defined.text);
    const plan = await call('POST', `${DEPLOYMENTS}/plan`, {
      ...CANARY,
      business_metric: 'conversion_rate',
      triggers: { 'business-metric': 0.05 },
    });
    assert.equal(plan.status, 200, plan.text);
    const trigger = (plan.json as DeploymentPlan).triggers.find((t) => t.id === 'business-metric');
    assert.deepEqual(trigger, {
      id: 'business-metric',
      direction: 'below',
      threshold: -0.05,
      unit: 'relative change',
      metric: 'conversion_rate',
    });
    const badValue = await call('POST', `${BUSINESS}/conversion_rate/values`, {
      values: [{ model_name: 'fraud', model_version: '2', value: 'high' }],
    });
    assert.equal(badValue.status, 400);
    assert.match(badValue.text, /values\[0\]\.value must be a finite number/);
  });

  it('rolls back a faster canary whose pushed conversion rate is lower, with nothing of it left', async () => {
    const pushed = await call('POST', `${BUSINESS}/conversion_rate/values`, {
      values: [
        ...[0.1, 0.11, 0.09].map((value) => ({ model_name: 'fraud', model_version: '1', value })),
        ...[0.07, 0.08, 0.06].map((value) => ({ model_name: 'fraud', model_version: '2', value })),
      ],
    });
    assert.equal(pushed.status, 200, pushed.text);
    const record = await finished({ ...CANARY, business_metric: 'conversion_rate' });
    assert.equal(record.state, 'rolled_back', JSON.stringify(record.events));
    assert.match(
      record.reason ?? '',
      /at 5%: business-metric -0\.3 is below the rollback threshold -0\.02 \(conversion_rate of version 2 is 0\.07 against 0\.1 of version 1, higher is better; mean of 3 values pushed/,
    );
    assert.deepEqual(await managed(), ['InferenceService/fraud@1']);
  });

  it(
    'rolls back on the PromQL of a real Prometheus',
    { skip: prometheusMissing('the PromQL business metric') },
    async () => {
      exporter = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        response.end(EXPORTED);
      });
      await new Promise<void>((resolve) => exporter?.listen(0, '127.0.0.1', resolve));
      const port = (exporter.address() as AddressInfo).port;
      prometheus = await startPrometheus([{ job: 'shop', targets: [`127.0.0.1:${port}`] }]);
      const settings = await call('PUT', `${NATIVE_API_PREFIX}/metrics/prometheus`, {
        context: CONTEXT,
        source: { kind: 'url', url: prometheus.url },
      });
      assert.equal(settings.status, 200, settings.text);
      const query = 'shop_checkout_conversion{service="$service",version="$version"}';
      const defined = await call('PUT', `${BUSINESS}/checkout_conversion`, {
        direction: 'higher',
        promql: query,
      });
      assert.equal(defined.status, 200, defined.text);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const scraped = await fetch(`${prometheus.url}/api/v1/query?query=count(shop_checkout_conversion)`);
        const body = (await scraped.json()) as { data: { result: { value: [number, string] }[] } };
        if (body.data.result[0]?.value[1] === '2') break;
        if (Date.now() > deadline) throw new Error('Prometheus never scraped the exporter');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const record = await finished({ ...CANARY, business_metric: 'checkout_conversion' });
      assert.equal(record.state, 'rolled_back', JSON.stringify(record.events));
      assert.match(
        record.reason ?? '',
        /business-metric -0\.25 is below the rollback threshold -0\.02 \(checkout_conversion of version 2 is 0\.09 against 0\.12 of version 1, higher is better; PromQL shop_checkout_conversion\{service="fraud",version="2"\}/,
      );
      assert.deepEqual(await managed(), ['InferenceService/fraud@1']);
    },
  );

  it('promotes a canary whose business metric holds (lower is better: cost per request falls)', async () => {
    const defined = await call('PUT', `${BUSINESS}/cost_per_request`, { direction: 'lower' });
    assert.equal(defined.status, 200, defined.text);
    const pushed = await call('POST', `${BUSINESS}/cost_per_request/values`, {
      values: [
        { model_name: 'fraud', model_version: '1', value: 0.004 },
        { model_name: 'fraud', model_version: '2', value: 0.003 },
      ],
    });
    assert.equal(pushed.status, 200, pushed.text);
    const record = await finished({ ...CANARY, business_metric: 'cost_per_request' });
    assert.equal(record.state, 'promoted', JSON.stringify(record.events));
    assert.equal(record.traffic_percent, 100);
    assert.deepEqual(await managed(), ['InferenceService/fraud@2']);
  });

  it("is an A/B test's primary metric, with its direction", async () => {
    const created = await call('POST', `${NATIVE_API_PREFIX}/ab-tests`, {
      name: 'cheaper-serving',
      arms: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 1 },
      ],
      primary_metric: {
        name: 'cost_per_request',
        kind: 'mean',
        baseline: 0.004,
        standard_deviation: 0.002,
        minimum_detectable_effect: 0.0005,
      },
    });
    assert.equal(created.status, 200, created.text);
    const metric = (created.json as AbTest).primary_metric;
    assert.equal(metric.business, true);
    assert.equal(metric.direction, 'lower');
    const contradicting = await call('POST', `${NATIVE_API_PREFIX}/ab-tests`, {
      name: 'cheaper-serving-2',
      arms: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 1 },
      ],
      primary_metric: {
        name: 'cost_per_request',
        kind: 'mean',
        direction: 'higher',
        baseline: 0.004,
        standard_deviation: 0.002,
        minimum_detectable_effect: 0.0005,
      },
    });
    assert.equal(contradicting.status, 400);
    assert.match(contradicting.text, /defined with lower is better; the test says higher/);
  });
});
