import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sendRequest, tempDir } from './daemon-harness.ts';
import { DAEMON_BUNDLE, spawnDaemonProcess, startDaemonProcess } from './daemon-process.ts';

function auth(token: string, port: number) {
  return { authorization: `Bearer ${token}`, host: `127.0.0.1:${port}` };
}

describe('mlops-lens daemon process', () => {
  it('announces itself, writes a private token and a discovery file, and stops on SIGTERM', async () => {
    const dataDir = tempDir();
    const daemon = await startDaemonProcess(dataDir);
    try {
      assert.match(daemon.readyLine, /http:\/\/127\.0\.0\.1:\d+/);
      const tokenStat = statSync(path.join(dataDir, 'token'));
      assert.equal(tokenStat.mode & 0o777, 0o600);
      assert.ok(daemon.token.length >= 32);
      const discovery = JSON.parse(readFileSync(path.join(dataDir, 'daemon.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      assert.equal(discovery.url, daemon.url);
      assert.equal(discovery.pid, daemon.child.pid);
      assert.equal(typeof discovery.version, 'string');
      const res = await sendRequest(daemon.port, 'GET', '/api/2.0/mlflow/experiments/get', {
        query: { experiment_id: '0' },
        headers: auth(daemon.token, daemon.port),
      });
      assert.equal(res.status, 200);
    } finally {
      daemon.child.kill('SIGTERM');
    }
    assert.equal(await daemon.exited, 0);
    assert.ok(!existsSync(path.join(dataDir, 'daemon.json')), 'discovery file removed on shutdown');
    const log = readFileSync(path.join(dataDir, 'daemon.log'), 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; level: string });
    assert.ok(lines.some((l) => l.msg === 'daemon ready'));
    assert.ok(lines.some((l) => l.msg === 'stopped'));
    assert.ok(!log.includes(daemon.token), 'the log never contains the token');
  });

  it('starts the same way through bin/mlops-lens.js and the bundled dist/daemon.js', async (t) => {
    if (!existsSync(DAEMON_BUNDLE)) {
      t.skip('dist/daemon.js is not built; `npm test` builds it first (npm run build)');
      return;
    }
    const daemon = await startDaemonProcess(tempDir(), [], 'bundle');
    try {
      const res = await sendRequest(daemon.port, 'GET', '/api/2.0/mlflow/experiments/get', {
        query: { experiment_id: '0' },
        headers: auth(daemon.token, daemon.port),
      });
      assert.equal(res.status, 200);
      if (process.platform === 'linux') {
        // The bin replaced itself (same pid) with a capped young generation: docs/clusters.md.
        const commandLine = readFileSync(`/proc/${daemon.child.pid}/cmdline`, 'utf8').split('\0');
        assert.ok(commandLine.includes('--max-semi-space-size=8'), commandLine.join(' '));
      }
    } finally {
      daemon.child.kill('SIGTERM');
    }
    assert.equal(await daemon.exited, 0);
  });

  it('refuses a second daemon on the same data directory and keeps the token across restarts', async () => {
    const dataDir = tempDir();
    const first = await startDaemonProcess(dataDir);
    try {
      const second = spawnDaemonProcess(['--data-dir', dataDir, '--port', '0']);
      const code = await second.exited;
      assert.notEqual(code, 0);
      assert.match(second.output().stderr, /already running/);
      assert.match(second.output().stderr, new RegExp(String(first.child.pid)));
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const again = await startDaemonProcess(dataDir);
    again.child.kill('SIGTERM');
    await again.exited;
    assert.equal(again.token, first.token);
  });

  it('rejects bad flags and warns when told to listen beyond loopback', async () => {
    const bad = spawnDaemonProcess(['--port', 'eighty']);
    assert.equal(await bad.exited, 2);
    assert.match(bad.output().stderr, /--port/);
    const dataDir = tempDir();
    const wide = await startDaemonProcess(dataDir, ['--host', '0.0.0.0']);
    wide.child.kill('SIGTERM');
    await wide.exited;
    assert.match(wide.stderr(), /warning: listening on 0\.0\.0\.0/);
  });

  it('refuses to start on a corrupted database, says why, and leaves the file as it was', async () => {
    const dataDir = tempDir();
    const garbage = Buffer.from('definitely not SQLite\n'.repeat(300));
    writeFileSync(path.join(dataDir, 'tracking.db'), garbage);
    const daemon = spawnDaemonProcess(['--data-dir', dataDir, '--port', '0']);
    assert.equal(await daemon.exited, 1);
    assert.match(daemon.output().stderr, /tracking\.db is not a valid SQLite database or is corrupted/);
    assert.ok(readFileSync(path.join(dataDir, 'tracking.db')).equals(garbage));
    assert.ok(!existsSync(path.join(dataDir, 'daemon.json')));
  });

  it('loses no acknowledged write when killed with SIGKILL during ingest', async () => {
    const dataDir = tempDir();
    const daemon = await startDaemonProcess(dataDir);
    const headers = auth(daemon.token, daemon.port);
    const call = (endpoint: string, body: unknown) =>
      sendRequest(daemon.port, 'POST', `/api/2.0/mlflow/${endpoint}`, { body, headers });
    const runId = (
      (await call('runs/create', { experiment_id: '0' })).json as { run: { info: { run_id: string } } }
    ).run.info.run_id;
    let acknowledged = 0;
    let step = 0;
    const writer = (async () => {
      for (;;) {
        const metrics = Array.from({ length: 100 }, () => ({
          key: 'loss',
          value: Math.random(),
          timestamp: 1,
          step: step++,
        }));
        try {
          const res = await call('runs/log-batch', { run_id: runId, metrics });
          if (res.status !== 200) return;
          acknowledged += metrics.length;
        } catch {
          return; // the connection died with the process
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    daemon.child.kill('SIGKILL');
    await writer;
    assert.equal(await daemon.exited, 'SIGKILL');
    assert.ok(acknowledged > 0);

    const restarted = await startDaemonProcess(dataDir);
    try {
      let stored = 0;
      let pageToken: string | undefined;
      do {
        const res = await sendRequest(restarted.port, 'GET', '/api/2.0/mlflow/metrics/get-history', {
          query: {
            run_id: runId,
            metric_key: 'loss',
            ...(pageToken !== undefined ? { page_token: pageToken } : {}),
          },
          headers: auth(restarted.token, restarted.port),
        });
        const body = res.json as { metrics: unknown[]; next_page_token?: string };
        stored += body.metrics.length;
        pageToken = body.next_page_token;
      } while (pageToken !== undefined);
      assert.ok(stored >= acknowledged, `stored ${stored} < acknowledged ${acknowledged}`);
      assert.ok(stored <= acknowledged + 100, 'at most the one unacknowledged batch in flight');
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });
});
