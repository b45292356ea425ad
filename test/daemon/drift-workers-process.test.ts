/* eslint-disable @typescript-eslint/no-unsafe-member-access -- wire tests read raw JSON replies and check them by value */
/**
 * The daemon process, from the sources and from its bundle, compares a large drift report in
 * its worker threads (the bundle starts `dist/drift-worker.js`), then stops on SIGTERM with
 * exit code 0: the workers are stopped with the app and hold nothing open.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NATIVE_API_PREFIX, type DriftReport } from '../../daemon/api/contract.ts';
import { WORKER_MIN_VALUES } from '../../daemon/drift/drift-service.ts';
import { seededRandom } from '../robustness/seeded-random.ts';
import { sendRequest, tempDir } from './daemon-harness.ts';
import { callDaemon as call, startDaemonProcess, type SpawnedDaemon } from './daemon-process.ts';

const ROWS = 60_000;
const FEATURES = ['a', 'b', 'c', 'd'];

async function pushSamples(daemon: SpawnedDaemon): Promise<void> {
  const random = seededRandom(5);
  const lines = Array.from({ length: ROWS }, (_, i) =>
    JSON.stringify({
      model_name: 'm',
      model_version: '1',
      timestamp: 1_764_000_000_000 + i,
      features: Object.fromEntries(FEATURES.map((name, k) => [name, random() * (k + 1)])),
    }),
  );
  const reply = await sendRequest(daemon.port, 'POST', `${NATIVE_API_PREFIX}/drift/samples`, {
    rawBody: lines.join('\n'),
    headers: {
      authorization: `Bearer ${daemon.token}`,
      host: `127.0.0.1:${daemon.port}`,
      'content-type': 'application/x-ndjson',
    },
  });
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.json.accepted, ROWS);
}

describe('a large drift report in the daemon process', () => {
  for (const entry of ['sources', 'bundle'] as const)
    it(`is compared in the workers and the daemon still stops cleanly (${entry})`, async () => {
      assert.ok(ROWS * FEATURES.length >= WORKER_MIN_VALUES, 'large enough for the workers');
      const daemon = await startDaemonProcess(tempDir(), [], entry);
      try {
        const random = seededRandom(4);
        const columns = Object.fromEntries(
          FEATURES.map((name, k) => [name, Array.from({ length: 2000 }, () => random() * (k + 1))]),
        );
        const baseline = await call(daemon, 'POST', `${NATIVE_API_PREFIX}/drift/baselines`, {
          model_name: 'm',
          model_version: '1',
          columns,
        });
        assert.equal(baseline.status, 200, baseline.text);
        await pushSamples(daemon);
        const reply = await call(daemon, 'POST', `${NATIVE_API_PREFIX}/drift/reports`, {
          model_name: 'm',
          model_version: '1',
          last: ROWS,
        });
        assert.equal(reply.status, 200, reply.text);
        const report = reply.json.report as DriftReport;
        assert.deepEqual(
          report.features.map((f) => [f.feature, f.current_count]),
          FEATURES.map((name) => [name, ROWS]),
        );
      } finally {
        daemon.child.kill('SIGTERM');
      }
      assert.equal(await daemon.exited, 0, daemon.stderr());
      assert.doesNotMatch(daemon.stderr(), /still held open/);
    });
});
