/**
 * The metrics side of the demo, beside `node test/fake-kube/main.ts`: a DCGM-style exporter whose
 * slices belong to the fake cluster's seeded pods on gpu-h100-0 (the churn-model Deployment on
 * two 1g.10gb MIG slices, llm-server-0 on a whole H100 that never uses half of it), the churn
 * model server's request metrics with slow answers and a few 5xx, and a real Prometheus scraping
 * both. `node test/metrics/demo.ts` prints how to point a running daemon at it, then serves until
 * interrupted.
 */
import { DcgmExporterFixture } from './dcgm-exporter-fixture.ts';
import { startPrometheus } from './prometheus-process.ts';
import { ServingMetricsFixture } from './serving-metrics-fixture.ts';

const host = 'gpu-h100-0';
const exporter = new DcgmExporterFixture();
const slice = (instance: string, pod: string) =>
  ({
    gpu: '0',
    uuid: 'GPU-5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    hostname: host,
    mig: { profile: '1g.10gb', instance },
    pod: { namespace: 'ml-serving', pod, container: 'server' },
  }) as const;
exporter.set(slice('7', 'churn-model-7d4b9c6f5-x2x7q'), {
  utilPercent: 35,
  fbUsedMiB: 3_100,
  fbFreeMiB: 6_700,
});
exporter.set(slice('8', 'churn-model-7d4b9c6f5-k9p4m'), {
  utilPercent: 28,
  fbUsedMiB: 2_900,
  fbFreeMiB: 6_900,
});
exporter.set(
  {
    gpu: '1',
    uuid: 'GPU-8a7b6c5d-4e3f-2a1b-0c9d-8e7f6a5b4c3d',
    hostname: host,
    pod: { namespace: 'ml-serving', pod: 'llm-server-0', container: 'vllm' },
  },
  { utilPercent: 22, fbUsedMiB: 17_150, fbFreeMiB: 63_850 },
);
await exporter.start();

const server = new ServingMetricsFixture();
await server.start();
server.setTraffic({ requestsPerSecond: 40, latencySeconds: 0.3, errorShare: 0.02 });

const prometheus = await startPrometheus([
  { job: 'dcgm-exporter', targets: [exporter.target] },
  { job: 'churn-model', targets: [server.target] },
]);
const settings = {
  context: 'fake-gpu-cluster',
  source: { kind: 'url', url: prometheus.url },
  serving_selector: 'job="churn-model"',
  rate_window: '1m',
  serving_model: { name: 'churn', version: '1' },
};
process.stdout.write(
  [
    `Prometheus at ${prometheus.url} scrapes a DCGM exporter (${exporter.target}) and the churn model (${server.target}).`,
    'Point the daemon at it:',
    `  curl -X PUT -H "Authorization: Bearer $(cat ~/.local/share/mlops-lens/token)" \\`,
    `    http://127.0.0.1:5151/api/mlops-lens/v1/metrics/prometheus -d '${JSON.stringify(settings)}'`,
    '',
  ].join('\n'),
);
const stop = () =>
  void Promise.all([prometheus.close(), exporter.stop(), server.stop()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
