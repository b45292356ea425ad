/**
 * The GPU cluster demo, shared by `npm run demo:cluster` and the code-server end-to-end test:
 * the fake Kubernetes API server with its seeded GPU cluster plus the example's `churn-api`
 * serving pods (each holding a whole H100), a DCGM-style exporter reporting their GPU memory,
 * real Prometheus scraping it, and a daemon process whose kubeconfig has that context, watched
 * and marked production, with that Prometheus as its metrics source. A drift report on the
 * churn model opens one alert.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';
import { startFakeKube, type FakeKube } from '../fake-kube/fake-kube-server.ts';
import { writeKubeconfig } from '../fake-kube/kubeconfig.ts';
import { pod } from '../fake-kube/object-builders.ts';
import { DcgmExporterFixture } from '../metrics/dcgm-exporter-fixture.ts';
import { startPrometheus, type PrometheusProcess } from '../metrics/prometheus-process.ts';

export const DEMO_CONTEXT = 'fake-gpu-cluster';
/** What the exporter says the busier churn-api pod holds: 6.4 GiB of an 80 GB H100. */
export const CHURN_API_PEAK_MIB = 6554;
const H100_FB_MIB = 81_559;
const BIN = path.resolve(import.meta.dirname, '../../bin/mlops-lens.js');

export interface GpuClusterDemo {
  readonly daemonUrl: string;
  readonly token: string;
  readonly kubeconfig: string;
  readonly prometheusUrl: string;
  readonly fake: FakeKube;
  close(): Promise<void>;
}

/** The example's churn-api Deployment as running pods on the H100 node, one whole GPU each. */
function putChurnApiPods(fake: FakeKube): string[] {
  const names = ['churn-api-6d8f9b7c4-x2lqp', 'churn-api-6d8f9b7c4-9kd7w'];
  names.forEach((name, i) =>
    fake.put(
      pod({
        namespace: 'ml-serving',
        name,
        uid: `7a1e0c52-2d0e-4b8e-9a77-0d5f4b1c01${i}0`,
        labels: { app: 'churn-api', 'pod-template-hash': '6d8f9b7c4' },
        image: 'ghcr.io/acme/churn-api:latest',
        container: 'api',
        nodeName: 'gpu-h100-0',
        resources: { cpu: '2', memory: '4Gi', 'nvidia.com/gpu': '1' },
        createdAt: new Date(Date.now() - 3_600_000),
        // Its ReplicaSet stands for the Deployment, as the daemon reads owners.
        owner: {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'churn-api-6d8f9b7c4',
          uid: '7a1e0c52-2d0e-4b8e-9a77-0d5f4b1c01ff',
        },
      }),
    ),
  );
  return names;
}

function exporterFor(pods: readonly string[]): DcgmExporterFixture {
  const exporter = new DcgmExporterFixture();
  const used = [CHURN_API_PEAK_MIB, 4_200];
  pods.forEach((name, i) =>
    exporter.set(
      {
        gpu: String(i),
        uuid: `GPU-5f1c1a52-0000-4000-8000-00000000000${i}`,
        hostname: 'gpu-h100-0',
        pod: { namespace: 'ml-serving', pod: name, container: 'api' },
      },
      { utilPercent: 7 + i, fbUsedMiB: used[i] ?? 0, fbFreeMiB: H100_FB_MIB - (used[i] ?? 0) },
    ),
  );
  return exporter;
}

async function startDaemon(dataDir: string, kubeconfig: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'daemon', '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, KUBECONFIG: kubeconfig },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!/http:\/\/127\.0\.0\.1:\d+/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the daemon exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the daemon was not ready in 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

async function call(
  url: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${url}${NATIVE_API_PREFIX}/${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** A baseline of the churn model's tenure and a shifted production window: one PSI alert. */
async function raiseDriftAlert(url: string, token: string): Promise<void> {
  const tenure = Array.from({ length: 400 }, (_, i) => i % 60);
  await call(url, token, 'POST', 'drift/baselines', {
    model_name: 'churn',
    model_version: '1',
    columns: { tenure },
  });
  const now = Date.now();
  const samples = Array.from({ length: 400 }, (_, i) =>
    JSON.stringify({
      model_name: 'churn',
      model_version: '1',
      timestamp: now - 1000 * (400 - i),
      features: { tenure: 40 + (i % 60) },
    }),
  ).join('\n');
  await call(url, token, 'POST', 'drift/samples', samples);
  await call(url, token, 'POST', 'drift/reports', { model_name: 'churn', model_version: '1', last: 400 });
}

/** Waits until Prometheus has scraped the exporter, so the peak is there from the start. */
async function untilScraped(prometheus: PrometheusProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${prometheus.url}/api/v1/query?query=DCGM_FI_DEV_FB_USED`);
    const body = (await response.json()) as { data?: { result?: unknown[] } };
    if ((body.data?.result?.length ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error('Prometheus did not scrape the DCGM exporter in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startGpuClusterDemo(dataDir: string): Promise<GpuClusterDemo> {
  mkdirSync(dataDir, { recursive: true });
  const fake = await startFakeKube({ tls: true });
  const exporter = exporterFor(putChurnApiPods(fake));
  await exporter.start();
  const prometheus = await startPrometheus([{ job: 'dcgm', targets: [exporter.target] }]);
  const kubeconfig = await writeKubeconfig(dataDir, fake, DEMO_CONTEXT);
  const daemon = await startDaemon(dataDir, kubeconfig);
  const discovery = readDiscovery(dataDir);
  if (!discovery) throw new Error(`no daemon.json in ${dataDir}`);
  const token = readFileSync(path.join(dataDir, 'token'), 'utf8').trim();
  const url = discovery.url;
  await call(url, token, 'POST', 'clusters/contexts/settings', {
    context: DEMO_CONTEXT,
    enabled: true,
    production: true,
  });
  await call(url, token, 'PUT', 'metrics/prometheus', {
    context: DEMO_CONTEXT,
    source: { kind: 'url', url: prometheus.url },
  });
  await untilScraped(prometheus);
  await raiseDriftAlert(url, token);
  return {
    daemonUrl: url,
    token,
    kubeconfig,
    prometheusUrl: prometheus.url,
    fake,
    close: async () => {
      const exited = new Promise((resolve) => daemon.once('exit', resolve));
      if (daemon.exitCode === null) daemon.kill('SIGTERM');
      await exited;
      await prometheus.close();
      await exporter.stop();
      await fake.close();
    },
  };
}
