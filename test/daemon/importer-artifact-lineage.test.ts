import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { WorkspaceWatcher } from '../../daemon/importers/workspace-watcher.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { startTestDaemon, tempDir } from './daemon-harness.ts';
import { waitUntil } from './mlruns-fixture.ts';
import { logTrainingRun } from './training-run.ts';

describe('artifact digests in lineage', () => {
  it('a preprocessing node names the workspace files with the same SHA-256', async () => {
    const daemon = await startTestDaemon();
    const folder = realpathSync(tempDir('mlops-lens-digest-'));
    const watcher = new WorkspaceWatcher({
      store: daemon.store,
      logger: createLogger(() => undefined),
      usePolling: true,
      pollIntervalMs: 50,
      debounceMs: 50,
    });
    try {
      // The training run uploads preprocessing/scaler.joblib with these bytes.
      await logTrainingRun(daemon);
      const sha256 = createHash('sha256').update('fitted scaler bytes').digest('hex');
      mkdirSync(path.join(folder, 'out'));
      const local = path.join(folder, 'out', 'scaler.joblib');
      writeFileSync(local, 'fitted scaler bytes');
      await watcher.watch([folder]);
      const workspaceFiles = (): unknown => {
        const lineage = daemon.store.lineage(`preprocessing:${sha256}`, 1);
        return lineage.nodes.find((n) => n.id === `preprocessing:${sha256}`)?.attributes.workspace_files;
      };
      await waitUntil(watcher, () => workspaceFiles() !== undefined, 'the workspace file in lineage');
      assert.deepEqual(workspaceFiles(), [local]);
    } finally {
      await watcher.close();
      await daemon.close();
    }
  });
});
