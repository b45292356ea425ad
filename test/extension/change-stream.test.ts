/** The extension's event-stream client, against a real daemon app over HTTP. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeEventData } from '../../daemon/api/contract.ts';
import { ChangeStream, parseSseChunk } from '../../extension/daemon/change-stream.ts';
import { startTestDaemon, TEST_TOKEN } from '../daemon/daemon-harness.ts';

describe('daemon change stream client', () => {
  it('splits a Server-Sent Events stream into events and keeps the unfinished rest', () => {
    const { events, rest } = parseSseChunk(
      ': heartbeat\n\nid: 1-1\nevent: run_created\ndata: {"a":1}\n\nid: 1-2\ndata: {"b"',
    );
    assert.deepEqual(events, [{ id: '1-1', event: 'run_created', data: '{"a":1}' }]);
    assert.equal(rest, 'id: 1-2\ndata: {"b"');
  });

  it('receives a run created while it follows the stream, and survives a daemon that is not there yet', async () => {
    const daemon = await startTestDaemon({ events: { coalesceMs: 10 } });
    const received: Array<ChangeEventData | { type: 'resync' }> = [];
    let ready = false;
    const stream = new ChangeStream((event) => received.push(event));
    stream.follow(() => (ready ? { url: `http://127.0.0.1:${daemon.port}`, token: TEST_TOKEN } : undefined));
    try {
      ready = true;
      const created = await daemon.mlflow('POST', 'experiments/create', { name: 'stream' });
      const experimentId = (created.json as { experiment_id: string }).experiment_id;
      const deadline = Date.now() + 15_000;
      let runId = '';
      while (Date.now() < deadline && !received.some((e) => e.type === 'run_created' && e.run_id === runId)) {
        if (runId === '') {
          // Start logging once the stream is connected (a first event shows it, or a short wait).
          await new Promise((resolve) => setTimeout(resolve, 700));
          const run = await daemon.mlflow('POST', 'runs/create', { experiment_id: experimentId });
          runId = (run.json as { run: { info: { run_id: string } } }).run.info.run_id;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(
        received.some((e) => e.type === 'run_created' && e.run_id === runId),
        `no run_created for ${runId}: ${JSON.stringify(received)}`,
      );
    } finally {
      stream.stop();
      await daemon.close();
    }
  });
});
