/**
 * Peak GPU memory reaches the cluster views: the daemon watches the fake Kubernetes API server's
 * seeded GPU cluster and polls a real Prometheus scraping DCGM slices of the same pods; each
 * workload of `clusters/workloads` carries its observed peak while the polls succeed, and none
 * once Prometheus is down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  type ClusterWorkloadsResponse,
  type WorkloadGpuSummary,
} from '../../daemon/api/contract.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from '../clusters/cluster-daemon.ts';
import { sendRequest } from '../daemon/daemon-harness.ts';
import { pod } from '../fake-kube/object-builders.ts';
import { DcgmExporterFixture } from './dcgm-exporter-fixture.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from './prometheus-process.ts';

const missing = prometheusMissing('the cluster peak memory test');
const KSERVE_POD = 'fraud-predictor-00001-deployment-6b7c9d8f5-q2w4z';

function workload(reply: ClusterWorkloadsResponse, name: string): WorkloadGpuSummary | undefined {
  return reply.workloads.find((w) => w.workload.name === name);
}

describe('peak GPU memory in the cluster views', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let prometheus: PrometheusProcess;
  let cluster: ClusterDaemon;

  before(async () => {
    // The seeded pods of gpu-h100-0: llm-server-0 on a whole H100, churn-model on MIG slices.
    exporter.set(
      {
        gpu: '1',
        uuid: 'GPU-8a7b6c5d',
        hostname: 'gpu-h100-0',
        pod: { namespace: 'ml-serving', pod: 'llm-server-0', container: 'vllm' },
      },
      { utilPercent: 22, fbUsedMiB: 17_150, fbFreeMiB: 63_850 },
    );
    exporter.set(
      {
        gpu: '0',
        uuid: 'GPU-5f1e2d3c',
        hostname: 'gpu-h100-0',
        mig: { profile: '1g.10gb', instance: '7' },
        pod: { namespace: 'ml-serving', pod: 'churn-model-7d4b9c6f5-x2x7q', container: 'server' },
      },
      { utilPercent: 35, fbUsedMiB: 3_100, fbFreeMiB: 6_700 },
    );
    // A KServe predictor: its workload is the InferenceService, which only the cluster cache knows.
    exporter.set(
      {
        gpu: '2',
        uuid: 'GPU-0c9d8e7f',
        hostname: 'gpu-h100-0',
        pod: { namespace: 'ml-serving', pod: KSERVE_POD, container: 'kserve-container' },
      },
      { utilPercent: 10, fbUsedMiB: 5_500, fbFreeMiB: 76_000 },
    );
    await exporter.start();
    prometheus = await startPrometheus([{ job: 'dcgm', targets: [exporter.target] }]);
    cluster = await startClusterDaemon({ metrics: { pollIntervalMs: 300, peakWindow: '10m' } });
    cluster.fake.put(
      pod({
        namespace: 'ml-serving',
        name: KSERVE_POD,
        uid: '5d0c3a8e-7f41-4b9a-9c2e-1f6d8a4b3c21',
        labels: { 'serving.kserve.io/inferenceservice': 'fraud', component: 'predictor' },
        image: 'kserve/sklearnserver:v0.14.1',
        container: 'kserve-container',
        nodeName: 'gpu-h100-0',
        resources: { 'nvidia.com/gpu': '1', memory: '8Gi' },
        createdAt: new Date(Date.now() - 3_600_000),
      }),
    );
    const put = await sendRequest(cluster.port, 'PUT', `${NATIVE_API_PREFIX}/metrics/prometheus`, {
      body: { context: CONTEXT, source: { kind: 'url', url: prometheus.url } },
    });
    assert.equal(put.status, 200, put.text);
  });
  after(async () => {
    await cluster?.close();
    await prometheus?.close();
    await exporter.stop();
  });

  it('names the observed peak of each workload whose pods hold GPUs', async () => {
    const reply = await cluster.until<ClusterWorkloadsResponse>(
      'workloads',
      (r) => workload(r, 'llm-server')?.peak_gpu_memory_mib === 17_150,
      30_000,
    );
    assert.equal(workload(reply, 'llm-server')?.workload.kind, 'StatefulSet');
    assert.equal(workload(reply, 'churn-model')?.peak_gpu_memory_mib, 3_100);
    const fraud = await cluster.until<ClusterWorkloadsResponse>(
      'workloads',
      (r) => workload(r, 'fraud')?.peak_gpu_memory_mib === 5_500,
      10_000,
    );
    assert.equal(workload(fraud, 'fraud')?.workload.kind, 'InferenceService');
  });

  it('withholds the peaks while Prometheus is down', async () => {
    await prometheus.stop();
    const reply = await cluster.until<ClusterWorkloadsResponse>(
      'workloads',
      (r) =>
        workload(r, 'llm-server') !== undefined &&
        workload(r, 'llm-server')?.peak_gpu_memory_mib === undefined,
      10_000,
    );
    assert.equal(workload(reply, 'churn-model')?.peak_gpu_memory_mib, undefined);
  });
});
