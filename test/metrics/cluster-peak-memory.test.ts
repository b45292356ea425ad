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
import { DcgmExporterFixture } from './dcgm-exporter-fixture.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from './prometheus-process.ts';

const missing = prometheusMissing('the cluster peak memory test');

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
    await exporter.start();
    prometheus = await startPrometheus([{ job: 'dcgm', targets: [exporter.target] }]);
    cluster = await startClusterDaemon({ metrics: { pollIntervalMs: 300, peakWindow: '10m' } });
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
