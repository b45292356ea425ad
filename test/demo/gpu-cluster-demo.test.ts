/**
 * The GPU cluster demo without an editor: the daemon it starts watches the fake cluster live,
 * reads the churn-api workload's peak GPU memory from real Prometheus, and has the drift alerts
 * open; the cluster context the extension would send names that peak.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AlertsResponse } from '../../daemon/api/contract.ts';
import { loadClusterSnapshot, type DaemonRequest } from '../../extension/clusters/cluster-snapshot.ts';
import { loadLiveClusterContext } from '../../extension/clusters/live-cluster-context.ts';
import { prometheusMissing } from '../metrics/prometheus-process.ts';
import {
  CHURN_API_PEAK_MIB,
  DEMO_CONTEXT,
  startGpuClusterDemo,
  type GpuClusterDemo,
} from './gpu-cluster-demo.ts';

const missing = prometheusMissing('the GPU cluster demo test');

describe('npm run demo:cluster, without the editor', { skip: missing, timeout: 120_000 }, () => {
  let dataDir: string;
  let demo: GpuClusterDemo;
  let request: DaemonRequest;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-demo-'));
    demo = await startGpuClusterDemo(dataDir);
    request = async <T>(method: 'GET' | 'POST', pathAndQuery: string): Promise<T> => {
      const response = await fetch(`${demo.daemonUrl}${pathAndQuery}`, {
        method,
        headers: { authorization: `Bearer ${demo.token}` },
      });
      assert.equal(response.status, 200, await response.clone().text());
      return (await response.json()) as T;
    };
  });

  after(async () => {
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the language server the churn-api peak and the free MIG slices of the live context', async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const live = await loadLiveClusterContext(request, await loadClusterSnapshot(request), undefined);
      if (live?.peakGpuMemoryMiB['ml-serving/churn-api'] !== undefined) {
        assert.equal(live.name, DEMO_CONTEXT);
        assert.equal(live.peakGpuMemoryMiB['ml-serving/churn-api'], CHURN_API_PEAK_MIB);
        assert.ok((live.freeMigSlices['1g.10gb'] ?? 0) > 0, JSON.stringify(live.freeMigSlices));
        return;
      }
      assert.ok(Date.now() < deadline, `no churn-api peak within 30 s: ${JSON.stringify(live)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('has the drift alerts on churn v1 open', async () => {
    const { alerts } = await request<AlertsResponse>('GET', '/api/mlops-lens/v1/alerts?status=open');
    assert.deepEqual(alerts.map((a) => a.rule).sort(), ['drift/feature-psi', 'drift/ks-p-value']);
    assert.ok(alerts.every((a) => a.lineage_node === 'model_version:churn@1'));
  });
});
