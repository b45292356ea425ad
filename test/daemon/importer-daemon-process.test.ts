import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import { tempDir, type HttpResult } from './daemon-harness.ts';
import { askUntil, callDaemon as call, startDaemonProcess, type SpawnedDaemon } from './daemon-process.ts';
import { appendMetricText, T0, writeExperiment, writeRun } from './mlruns-fixture.ts';

const RUN = '1234567890abcdef1234567890abcdef';

describe('importers in the daemon process', () => {
  it('imports a folder once registered, and watches registered folders again after a restart', async () => {
    const dataDir = tempDir();
    const folder = realpathSync(tempDir('mlops-lens-ws-'));
    const runDir = writeRun(writeExperiment(path.join(folder, 'mlruns'), '3', 'churn'), {
      runId: RUN,
      runName: 'first',
      metrics: { loss: [`${T0} 0.9 0`] },
    });
    const history = (daemon: SpawnedDaemon) => () =>
      call(daemon, 'GET', '/api/2.0/mlflow/metrics/get-history', undefined, {
        run_id: RUN,
        metric_key: 'loss',
      });
    const points = (reply: HttpResult): number =>
      reply.status === 200 ? ((reply.json as { metrics?: unknown[] }).metrics ?? []).length : 0;

    const first = await startDaemonProcess(dataDir);
    try {
      const registered = await call(first, 'POST', `${NATIVE_API_PREFIX}/workspaces`, { folders: [folder] });
      assert.equal(registered.status, 200, registered.text);
      await askUntil(history(first), (r) => points(r) === 1, 'the imported run');
    } finally {
      first.child.kill('SIGTERM');
    }
    assert.equal(await first.exited, 0);

    appendMetricText(runDir, 'loss', `${T0 + 1} 0.5 1\n`);
    const second = await startDaemonProcess(dataDir);
    try {
      await askUntil(history(second), (r) => points(r) === 2, 'the point appended while stopped');
    } finally {
      second.child.kill('SIGTERM');
    }
    assert.equal(await second.exited, 0);
  });
});
