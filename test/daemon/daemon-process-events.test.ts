import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorResponse } from '../../daemon/api/contract.ts';
import { sendRequest, tempDir } from './daemon-harness.ts';
import { startDaemonProcess } from './daemon-process.ts';
import { openEventStream } from './event-stream-client.ts';

describe('mlops-lens daemon process: provenance gate and event stream', () => {
  it('refuses versions without provenance under --provenance-gate refuse, and ends event streams on SIGTERM', async () => {
    const daemon = await startDaemonProcess(tempDir(), ['--provenance-gate', 'refuse']);
    const headers = { authorization: `Bearer ${daemon.token}`, host: `127.0.0.1:${daemon.port}` };
    const mlflow = (endpoint: string, body: unknown) =>
      sendRequest(daemon.port, 'POST', `/api/2.0/mlflow/${endpoint}`, { body, headers });
    let exitCode: number | string | undefined;
    try {
      const stream = await openEventStream(daemon.port, headers);
      assert.equal(stream.status, 200);
      assert.equal((await mlflow('registered-models/create', { name: 'gated' })).status, 200);
      const refused = await mlflow('model-versions/create', { name: 'gated', source: 's3://bucket/model' });
      assert.equal(refused.status, 400, refused.text);
      assert.equal((refused.json as ErrorResponse).error_code, 'INVALID_PARAMETER_VALUE');
      await stream.waitFor((events) => events.some((e) => e.data.type === 'model_updated'));
      assert.ok(!stream.events.some((e) => e.data.type === 'model_version_created'));

      daemon.child.kill('SIGTERM');
      await stream.ended;
      exitCode = await daemon.exited;
    } finally {
      if (exitCode === undefined) daemon.child.kill('SIGKILL');
    }
    assert.equal(exitCode, 0);
  });
});
