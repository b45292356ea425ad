/**
 * The daemon's Prometheus client against Debian's real Prometheus scraping the DCGM fixture:
 * values the fixture changes are read back, range queries see the change over time, and every
 * failure (bad PromQL, nothing listening, no answer, not Prometheus) is a clear error.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PrometheusClient } from '../../daemon/metrics/prometheus-client.ts';
import { PrometheusQueryError, PrometheusUnavailableError } from '../../daemon/metrics/prometheus-errors.ts';
import { DcgmExporterFixture, type GpuDevice } from './dcgm-exporter-fixture.ts';
import { pollUntil } from './poll-until.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from './prometheus-process.ts';

const missing = prometheusMissing('the Prometheus client tests');

const device: GpuDevice = {
  gpu: '0',
  uuid: 'GPU-9bb57e8e-f94d-4b95-7c33-ee279c8fb75c',
  hostname: 'gpu-node-1',
  pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-x2k4q', container: 'server' },
};

describe('Prometheus client over real Prometheus', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let prometheus: PrometheusProcess;
  let client: PrometheusClient;

  before(async () => {
    await exporter.start();
    exporter.set(device, { utilPercent: 12, fbUsedMiB: 1000, fbFreeMiB: 80_000 });
    prometheus = await startPrometheus([{ job: 'dcgm', targets: [exporter.target] }]);
    client = new PrometheusClient({ baseUrl: prometheus.url });
  });
  after(async () => {
    await prometheus?.close();
    await exporter.stop();
  });

  it('reads back a value the exporter changes, with the exporter labels', async () => {
    const first = await pollUntil(
      () => client.instant('DCGM_FI_DEV_GPU_UTIL'),
      (samples) => samples[0]?.value === 12,
      'the first scrape',
    );
    assert.equal(first.length, 1);
    assert.equal(first[0]?.labels.UUID, device.uuid);
    assert.equal(first[0]?.labels.pod, 'churn-serving-7d9c5b6f4-x2k4q');
    assert.equal(first[0]?.labels.job, 'dcgm');
    exporter.set(device, { utilPercent: 87, fbUsedMiB: 42_000, fbFreeMiB: 39_000 });
    const changed = await pollUntil(
      () => client.instant('DCGM_FI_DEV_FB_USED'),
      (samples) => samples[0]?.value === 42_000,
      'the changed framebuffer value',
    );
    assert.ok(Math.abs((changed[0]?.time ?? 0) - Date.now()) < 5_000, 'evaluated now');
  });

  it('returns the points of a range query in time order, both values inside', async () => {
    const end = Date.now();
    const series = await client.range('DCGM_FI_DEV_FB_USED', { start: end - 60_000, end, stepSeconds: 1 });
    assert.equal(series.length, 1);
    const values = new Set(series[0]?.points.map((p) => p.value));
    assert.ok(values.has(1000) && values.has(42_000), `saw ${[...values].join(', ')}`);
    const times = series[0]?.points.map((p) => p.time) ?? [];
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it('reports bad PromQL with Prometheus own words and the query', async () => {
    const error = await client.instant('sum(rate(DCGM_FI_DEV_GPU_UTIL[5m])').catch((e: unknown) => e);
    assert.ok(error instanceof PrometheusQueryError);
    assert.equal(error.errorType, 'bad_data');
    assert.match(error.message, /parse error/);
    assert.match(error.message, /sum\(rate\(DCGM_FI_DEV_GPU_UTIL\[5m\]\)/);
  });
});

describe('Prometheus client failures without Prometheus', () => {
  it('says a closed port is unavailable, naming the address and the reason', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const error = await new PrometheusClient({ baseUrl: `http://127.0.0.1:${port}` })
      .instant('up')
      .catch((e: unknown) => e);
    assert.ok(error instanceof PrometheusUnavailableError);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port} is unavailable: ECONNREFUSED`));
  });

  const withServer = async (
    handler: Parameters<typeof createServer>[1],
    work: (url: string) => Promise<void>,
  ): Promise<void> => {
    const server: Server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };

  it('gives up on a server that never answers after the timeout', async () => {
    await withServer(
      () => undefined,
      async (url) => {
        const error = await new PrometheusClient({ baseUrl: url, timeoutMs: 300 })
          .instant('up')
          .catch((e: unknown) => e);
        assert.ok(error instanceof PrometheusUnavailableError);
        assert.match(error.message, /no answer within 300 ms/);
      },
    );
  });

  it('says an answer that is not the Prometheus API (a proxy error page) is unavailable', async () => {
    await withServer(
      (_request, response) =>
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'),
      async (url) => {
        const error = await new PrometheusClient({ baseUrl: url }).instant('up').catch((e: unknown) => e);
        assert.ok(error instanceof PrometheusUnavailableError);
        assert.match(
          error.message,
          /HTTP 502 .* is not a Prometheus API answer \(<html>Bad Gateway<\/html>\)/,
        );
      },
    );
  });
});
