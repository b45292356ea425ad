/**
 * Cost per 1,000 predictions of a served model, over real HTTP: the daemon watches the fake
 * cluster (the seeded `churn-model` Deployment: two pods on the H100 node, one 1g.10gb MIG slice
 * each) and reads a real Prometheus scraping a serving exporter whose request counters grow for
 * those pods. The GPUs are priced per hour (two sevenths of an H100) and divided by the requests
 * per hour; a service with no GPU pod, a context without Prometheus and an unwatched context say
 * what is missing.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ServingCostResponse } from '../../daemon/api/cost-contract.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from '../clusters/cluster-daemon.ts';
import { sendRequest } from '../daemon/daemon-harness.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from './prometheus-process.ts';

const missing = prometheusMissing('the serving cost route tests');
const CHURN_PODS = ['churn-model-7d4b9c6f5-k9p4m', 'churn-model-7d4b9c6f5-x2x7q'];
/** Each churn pod answers this many requests per second; another service's pod more. */
const PER_POD_RPS = 5;

describe('cost per 1,000 predictions of a served model', { skip: missing }, () => {
  let daemon: ClusterDaemon;
  let exporter: Server;
  let prometheus: PrometheusProcess;
  const started = Date.now();
  const servingCost = async (query: Record<string, string>) => {
    const reply = await sendRequest(daemon.port, 'GET', `${NATIVE_API_PREFIX}/cost/serving`, {
      query: { context: CONTEXT, namespace: 'ml-serving', ...query },
    });
    assert.equal(reply.status, 200, reply.text);
    return reply.json as ServingCostResponse;
  };

  before(async () => {
    daemon = await startClusterDaemon();
    exporter = createServer((_request, response) => {
      const seconds = (Date.now() - started) / 1000;
      const lines = [
        ...CHURN_PODS.map(
          (pod) =>
            `http_requests_total{namespace="ml-serving",pod="${pod}",code="200"} ${Math.floor(seconds * PER_POD_RPS)}`,
        ),
        `http_requests_total{namespace="ml-serving",pod="llm-server-0",code="200"} ${Math.floor(seconds * 50)}`,
        '',
      ];
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(lines.join('\n'));
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const port = (exporter.address() as AddressInfo).port;
    prometheus = await startPrometheus([{ job: 'serving', targets: [`127.0.0.1:${port}`] }]);
    await daemon.until<{ nodes: { pods: { name: string }[] }[] }>('nodes', (body) =>
      body.nodes.some((node) => node.pods.some((pod) => pod.name === CHURN_PODS[0])),
    );
  });
  after(async () => {
    await daemon?.close();
    await prometheus?.close();
    exporter?.close();
  });

  it('says what is missing before Prometheus is set, and for an unwatched context', async () => {
    const noPrometheus = await servingCost({ service: 'churn-model' });
    assert.equal(noPrometheus.pods.length, 2);
    assert.equal(noPrometheus.cost_per_1000_predictions, undefined);
    assert.match(
      noPrometheus.missing.join('\n'),
      new RegExp(`No Prometheus is set for context '${CONTEXT}'`),
    );
    const unwatched = await servingCost({ context: 'elsewhere', service: 'churn-model' });
    assert.deepEqual(unwatched.pods, []);
    assert.deepEqual(unwatched.missing, [
      "context 'elsewhere' is not watched, so its pods' GPUs are unknown",
    ]);
  });

  it('prices the GPU slices the pods hold over the requests they answer', async () => {
    const settings = await sendRequest(daemon.port, 'PUT', `${NATIVE_API_PREFIX}/metrics/prometheus`, {
      body: { context: CONTEXT, source: { kind: 'url', url: prometheus.url }, rate_window: '5s' },
    });
    assert.equal(settings.status, 200, settings.text);
    // rate() divides by the whole window: wait until Prometheus holds a full window of samples.
    await pollUntil(
      async () => {
        const query = `min(count_over_time(http_requests_total{pod=~"${CHURN_PODS.join('|')}"}[6s]))`;
        const reply = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`);
        const body = (await reply.json()) as { data: { result: { value: [number, string] }[] } };
        return Number(body.data.result[0]?.value[1] ?? 0);
      },
      (samples) => samples >= 6,
      'six seconds of request counters',
    );
    const cost = await servingCost({ service: 'churn-model' });
    assert.deepEqual(
      cost.pods.map((p) => [p.pod, p.node, p.price_key, p.price_per_gpu_hour]),
      CHURN_PODS.map((pod) => [pod, 'gpu-h100-0', 'H100', 3.5]),
    );
    for (const pod of cost.pods) assert.ok(Math.abs(pod.gpus - 1 / 7) < 1e-12, 'a 1g.10gb slice is 1/7 GPU');
    assert.equal(cost.cost_per_hour, 1, 'two sevenths of an H100 at 3.50 USD per hour');
    const rps = cost.requests_per_second ?? 0;
    // The counters grow by 5 a second per pod; Prometheus's rate() extrapolates, so not exactly 10.
    assert.ok(rps > 2 * PER_POD_RPS * 0.7 && rps < 2 * PER_POD_RPS * 1.3, `requests per second ${rps}`);
    const expected = ((2 / 7) * 3.5 * 1000) / (rps * 3600);
    assert.ok(Math.abs((cost.cost_per_1000_predictions ?? 0) - expected) < 1e-9);
    assert.deepEqual(cost.missing, []);
    assert.equal(cost.availability?.state, 'available');
  });

  it('a service whose pods hold no GPU has no cost to spread', async () => {
    const none = await servingCost({ service: 'fraud-api' });
    assert.deepEqual(none.pods, []);
    assert.deepEqual(none.missing, ["no pod of 'fraud-api' in namespace 'ml-serving' holds a GPU"]);
  });
});
