/**
 * `metrics/prometheus`: each context's Prometheus settings over real HTTP and SQLite. Mistakes
 * are refused naming the field and leave what was stored; a Service reached through the API
 * server's proxy is read with the kubeconfig context's credentials, in front of a real Prometheus.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ErrorResponse,
  GpuUsageResponse,
  PrometheusSettings,
  PrometheusSettingsListResponse,
} from '../../daemon/api/contract.ts';
import { DEFAULT_ERROR_RATE_QUERY, DEFAULT_P99_LATENCY_QUERY } from '../../daemon/metrics/serving-queries.ts';
import { kubeconfigApiServers } from '../../daemon/metrics/kubeconfig-api-servers.ts';
import { startTestDaemon, tempDir, type TestDaemon } from '../daemon/daemon-harness.ts';
import { writeKubeconfig } from '../fake-kube/kubeconfig.ts';
import { DcgmExporterFixture } from './dcgm-exporter-fixture.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from './prometheus-process.ts';
import { startServiceProxy, type ServiceProxyFixture } from './service-proxy-fixture.ts';

const API = '/api/mlops-lens/v1/metrics';

describe('Prometheus settings routes', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => daemon?.close());

  const put = (body: unknown) => daemon.call('PUT', `${API}/prometheus`, { body });

  it('stores a URL with the default serving queries, and lists and forgets contexts', async () => {
    // Nothing listens there: the queries cannot be tried, so they are taken as they are.
    const reply = await put({ context: 'lab', source: { kind: 'url', url: 'http://127.0.0.1:1/' } });
    assert.equal(reply.status, 200, reply.text);
    const stored = reply.json as PrometheusSettings;
    assert.deepEqual(stored.source, { kind: 'url', url: 'http://127.0.0.1:1' });
    assert.equal(stored.p99_latency_query, DEFAULT_P99_LATENCY_QUERY);
    assert.equal(stored.error_rate_query, DEFAULT_ERROR_RATE_QUERY);
    assert.equal(stored.rate_window, '5m');
    assert.equal(stored.timeout_ms, 5_000);

    const service = { kind: 'service', namespace: 'monitoring', service: 'prometheus-k8s', port: 9090 };
    const second = await put({
      context: 'prod',
      source: service,
      serving_selector: 'job="churn"',
      rate_window: '1m',
    });
    assert.equal(second.status, 200, second.text);
    assert.deepEqual((second.json as PrometheusSettings).source, { ...service, port: '9090' });
    // A later PUT changes only what it names.
    const changed = await put({ context: 'prod', timeout_ms: 1_500 });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((changed.json as PrometheusSettings).serving_selector, 'job="churn"');
    assert.equal((changed.json as PrometheusSettings).timeout_ms, 1_500);

    const served = await put({ context: 'prod', serving_model: { name: 'churn', version: 3 } });
    assert.deepEqual((served.json as PrometheusSettings).serving_model, { name: 'churn', version: '3' });
    const kept = await put({ context: 'prod', rate_window: '2m' });
    assert.deepEqual((kept.json as PrometheusSettings).serving_model, { name: 'churn', version: '3' });
    const forgotten = await put({ context: 'prod', serving_model: null });
    assert.equal((forgotten.json as PrometheusSettings).serving_model, undefined);

    const list = (await daemon.call('GET', `${API}/prometheus`)).json as PrometheusSettingsListResponse;
    assert.deepEqual(
      list.settings.map((s) => s.context),
      ['lab', 'prod'],
    );
    assert.equal(
      (await daemon.call('DELETE', `${API}/prometheus`, { query: { context: 'lab' } })).status,
      200,
    );
    const gone = await daemon.call('GET', `${API}/prometheus`, { query: { context: 'lab' } });
    assert.equal(gone.status, 404);
  });

  it('refuses each mistake naming its field, and keeps what was stored', async () => {
    const cases: [unknown, RegExp][] = [
      [{ source: { kind: 'url', url: 'http://x' } }, /Missing value for required parameter 'context'/],
      [{ context: 'new', source: { kind: 'url', url: 'ftp://prom' } }, /'source.url' must be http or https/],
      [{ context: 'new', source: { kind: 'url', url: 'not a url' } }, /'source.url' is not a URL/],
      [
        { context: 'new', source: { kind: 'url', url: 'http://u:p@prom' } },
        /'source.url' must not carry credentials/,
      ],
      [{ context: 'new', source: { kind: 'grafana' } }, /'source.kind' must be "url" or "service"/],
      [{ context: 'new' }, /'source' must be an object/],
      [
        { context: 'new', source: { kind: 'service', namespace: 'Mon!', service: 'p', port: '9090' } },
        /'source.namespace' is not a valid Kubernetes namespace/,
      ],
      [{ context: 'prod', rate_window: 'five minutes' }, /'rate_window' must be a Prometheus duration/],
      [{ context: 'prod', timeout_ms: 10 }, /'timeout_ms' must be an integer from 100 to 120000/],
      [{ context: 'prod', error_rate_query: ' ' }, /'error_rate_query' must not be empty/],
      [{ context: 'prod', serving_selector: 7 }, /'serving_selector' must be a string/],
      [{ context: 'prod', serving_model: { name: 'churn' } }, /'serving_model.version' is required/],
    ];
    const before = (await daemon.call('GET', `${API}/prometheus`, { query: { context: 'prod' } }))
      .json as PrometheusSettings;
    for (const [body, message] of cases) {
      const reply = await put(body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.match((reply.json as ErrorResponse).message, message);
    }
    const after = (await daemon.call('GET', `${API}/prometheus`, { query: { context: 'prod' } }))
      .json as PrometheusSettings;
    assert.deepEqual(after, before);
    assert.equal((await daemon.call('GET', `${API}/prometheus`, { query: { context: 'new' } })).status, 404);
  });

  it('answers unavailable for a service source when the daemon has no API server for the context', async () => {
    const reply = (await daemon.call('GET', `${API}/gpu-usage`, { query: { context: 'prod' } }))
      .json as GpuUsageResponse;
    assert.equal(reply.availability.state, 'unavailable');
    assert.match(reply.availability.reason ?? '', /no API server connection for context 'prod'/);
  });
});

const missing = prometheusMissing('the service proxy test');

describe('Prometheus through the API server service proxy', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let prometheus: PrometheusProcess;
  let proxy: ServiceProxyFixture;
  let daemon: TestDaemon;
  const servicePath = '/api/v1/namespaces/monitoring/services/prometheus-k8s:web';

  before(async () => {
    await exporter.start();
    exporter.set(
      { gpu: '0', uuid: 'GPU-1', hostname: 'node-a' },
      { utilPercent: 61, fbUsedMiB: 5, fbFreeMiB: 81_000 },
    );
    prometheus = await startPrometheus([{ job: 'dcgm', targets: [exporter.target] }]);
    proxy = await startServiceProxy({ token: 'kube-token', servicePath, upstream: prometheus.url });
    const kubeconfig = await writeKubeconfig(
      tempDir(),
      { url: proxy.server, token: 'kube-token', caCertificate: undefined },
      'prod',
    );
    daemon = await startTestDaemon({ metrics: { apiServers: kubeconfigApiServers(() => [kubeconfig]) } });
  });
  after(async () => {
    await daemon?.close();
    await proxy?.close();
    await prometheus?.close();
    await exporter.stop();
  });

  it("reads GPU use through the proxy with the kubeconfig context's credentials", async () => {
    const put = await daemon.call('PUT', `${API}/prometheus`, {
      body: {
        context: 'prod',
        source: { kind: 'service', namespace: 'monitoring', service: 'prometheus-k8s', port: 'web' },
      },
    });
    assert.equal(put.status, 200, put.text);
    const reply = await pollUntil(
      async () =>
        (await daemon.call('GET', `${API}/gpu-usage`, { query: { context: 'prod' } }))
          .json as GpuUsageResponse,
      (r) => r.slices.length === 1,
      'GPU use through the proxy',
    );
    assert.equal(reply.availability.state, 'available');
    assert.equal(reply.slices[0]?.util_percent, 61);
    assert.ok(proxy.requests.includes(`${servicePath}/proxy/api/v1/query`));
  });
});
