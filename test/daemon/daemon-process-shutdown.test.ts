/**
 * The daemon process stops on SIGTERM with a workspace folder watched, an event stream open and
 * an upload still arriving: the upload is finished and answered, and the process exits 0 with
 * its discovery file gone and everything it acknowledged on disk. Past `--shutdown-timeout` it
 * logs what was still open and stops anyway.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MLFLOW_ARTIFACTS_PREFIX, NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import { tempDir } from './daemon-harness.ts';
import { askUntil, callDaemon as call, startDaemonProcess, type SpawnedDaemon } from './daemon-process.ts';
import { openEventStream } from './event-stream-client.ts';
import { T0, writeExperiment, writeRun } from './mlruns-fixture.ts';
import { startSlowUpload, untilStoringUpload } from './slow-upload.ts';

const IMPORTED_RUN = 'abcdef1234567890abcdef1234567890';
/** Generous: only there so a daemon that never exits fails the test instead of hanging it. */
const EXIT_GUARD_MS = 60_000;

/** The exit code, or a failure when the process outlives the guard. */
async function exitOf(daemon: SpawnedDaemon): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      daemon.child.kill('SIGKILL');
      reject(new Error(`the daemon did not exit within ${EXIT_GUARD_MS} ms of SIGTERM`));
    }, EXIT_GUARD_MS);
  });
  try {
    return await Promise.race([daemon.exited, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sets up a watched folder with an imported run, a run logged over HTTP and an open stream. */
async function busyDaemon(dataDir: string, extraArgs: string[] = []) {
  const folder = realpathSync(tempDir('mlops-lens-ws-'));
  writeRun(writeExperiment(path.join(folder, 'mlruns'), '7', 'imported'), {
    runId: IMPORTED_RUN,
    runName: 'from-mlruns',
    metrics: { loss: [`${T0} 0.9 0`, `${T0 + 1} 0.4 1`] },
  });
  const daemon = await startDaemonProcess(dataDir, extraArgs);
  const registered = await call(daemon, 'POST', `${NATIVE_API_PREFIX}/workspaces`, { folders: [folder] });
  assert.equal(registered.status, 200, registered.text);
  await askUntil(
    () =>
      call(daemon, 'GET', '/api/2.0/mlflow/metrics/get-history', undefined, {
        run_id: IMPORTED_RUN,
        metric_key: 'loss',
      }),
    (r) => r.status === 200 && (r.json as { metrics?: unknown[] }).metrics?.length === 2,
    'the imported run',
  );
  const created = await call(daemon, 'POST', '/api/2.0/mlflow/runs/create', {
    experiment_id: '0',
    run_name: 'logged',
  });
  assert.equal(created.status, 200, created.text);
  const runId = (created.json as { run: { info: { run_id: string } } }).run.info.run_id;
  const logged = await call(daemon, 'POST', '/api/2.0/mlflow/runs/log-batch', {
    run_id: runId,
    metrics: Array.from({ length: 100 }, (_, step) => ({
      key: 'acc',
      value: step / 100,
      timestamp: T0,
      step,
    })),
  });
  assert.equal(logged.status, 200, logged.text);
  const stream = await openEventStream(daemon.port, {
    authorization: `Bearer ${daemon.token}`,
    host: `127.0.0.1:${daemon.port}`,
  });
  assert.equal(stream.status, 200);
  return { daemon, runId, stream };
}

/** The data folder after the process ended: no discovery file, a checkpointed, sound database. */
function assertStoppedCleanly(dataDir: string): void {
  assert.equal(existsSync(path.join(dataDir, 'daemon.json')), false, 'the discovery file is removed');
  const wal = path.join(dataDir, 'tracking.db-wal');
  assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the WAL was checkpointed into the database');
  const db = new Database(path.join(dataDir, 'tracking.db'), { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
}

async function assertDataIntact(dataDir: string, runId: string, artifact?: { path: string; body: Buffer }) {
  const again = await startDaemonProcess(dataDir);
  try {
    const history = (run: string, key: string) =>
      call(again, 'GET', '/api/2.0/mlflow/metrics/get-history', undefined, { run_id: run, metric_key: key });
    const imported = await history(IMPORTED_RUN, 'loss');
    assert.equal((imported.json as { metrics: unknown[] }).metrics.length, 2, imported.text);
    const logged = await history(runId, 'acc');
    assert.equal((logged.json as { metrics: unknown[] }).metrics.length, 100, logged.text);
    if (artifact !== undefined) {
      const download = await call(again, 'GET', `${MLFLOW_ARTIFACTS_PREFIX}/${artifact.path}`);
      assert.equal(download.status, 200, download.text);
      assert.equal(
        createHash('sha256').update(download.body).digest('hex'),
        createHash('sha256').update(artifact.body).digest('hex'),
      );
    }
  } finally {
    again.child.kill('SIGTERM');
  }
  assert.equal(await exitOf(again), 0);
}

describe('mlops-lens daemon process: shutdown', () => {
  it('finishes an upload in flight, ends the event stream and exits 0 on SIGTERM with a folder watched', async () => {
    const dataDir = tempDir();
    const { daemon, runId, stream } = await busyDaemon(dataDir);
    const agent = new Agent({ keepAlive: true });
    const artifact = { path: `0/${runId}/artifacts/model.bin`, body: Buffer.alloc(256 * 1024, 7) };
    try {
      const upload = startSlowUpload(daemon, artifact.path, artifact.body, agent);
      await untilStoringUpload(dataDir);
      daemon.child.kill('SIGTERM');
      await stream.ended;
      upload.finish();
      const answer = await upload.answered;
      assert.equal(answer.status, 200, answer.text);
      assert.equal(await exitOf(daemon), 0, daemon.stderr());
    } finally {
      agent.destroy();
      if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
    }
    assertStoppedCleanly(dataDir);
    const log = readFileSync(path.join(dataDir, 'daemon.log'), 'utf8');
    assert.match(log, /"msg":"stopped"/);
    assert.doesNotMatch(log, /shutdown deadline/);
    await assertDataIntact(dataDir, runId, artifact);
  });

  it('past --shutdown-timeout logs the request still open, drops it and exits 0', async () => {
    const dataDir = tempDir();
    const { daemon, runId, stream } = await busyDaemon(dataDir, ['--shutdown-timeout', '1']);
    const agent = new Agent({ keepAlive: true });
    try {
      const upload = startSlowUpload(daemon, `0/${runId}/artifacts/never.bin`, Buffer.alloc(1024, 1), agent);
      upload.answered.catch(() => undefined);
      await untilStoringUpload(dataDir);
      daemon.child.kill('SIGTERM');
      await stream.ended;
      // The rest of the body never comes.
      assert.equal(await exitOf(daemon), 0, daemon.stderr());
      upload.abandon();
    } finally {
      agent.destroy();
      if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
    }
    assertStoppedCleanly(dataDir);
    const deadline = readFileSync(path.join(dataDir, 'daemon.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('shutdown deadline'))
      .map((line) => JSON.parse(line) as { requests: Array<{ method: string; url: string }> });
    assert.equal(deadline.length, 1);
    assert.deepEqual(
      deadline[0]?.requests.map((r) => `${r.method} ${r.url}`),
      [`PUT ${MLFLOW_ARTIFACTS_PREFIX}/0/${runId}/artifacts/never.bin`],
    );
    await assertDataIntact(dataDir, runId);
  });
});
