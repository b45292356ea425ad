import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { tempDir } from './daemon-harness.ts';
import { startDaemonProcess } from './daemon-process.ts';

const CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mlflow_wire_client.py');

describe('black-box MLflow client (Python standard library) against the daemon process', () => {
  it('runs a whole tracking session as an MLflow client would', async (t) => {
    const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (python.status !== 0) {
      t.skip('python3 is not installed; the black-box wire test needs it');
      return;
    }
    const daemon = await startDaemonProcess(tempDir());
    try {
      // The daemon is another process, so a synchronous spawn here blocks nothing it needs.
      const result = spawnSync('python3', [CLIENT], {
        encoding: 'utf8',
        env: { ...process.env, MLFLOW_TRACKING_URI: daemon.url, MLFLOW_TRACKING_TOKEN: daemon.token },
        timeout: 60_000,
      });
      assert.equal(result.status, 0, `client failed: ${result.stdout}\n${result.stderr}`);
      const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
        ok?: boolean;
        history_points?: number;
      };
      assert.equal(summary.ok, true);
      assert.equal(summary.history_points, 1000);
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
    }
  });
});
