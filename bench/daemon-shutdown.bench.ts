/**
 * How long the daemon takes from SIGTERM to exit while it is busy the way an editor keeps it:
 * a watched workspace folder, an event stream open, keep-alive connections, and an upload the
 * daemon is in the middle of storing when the signal arrives.
 */
import { mkdirSync } from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MLFLOW_API_PREFIX, NATIVE_API_PREFIX } from '../daemon/api/contract.ts';
import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS } from '../daemon/process/daemon-options.ts';
import { callDaemon, startDaemonProcess } from '../test/daemon/daemon-process.ts';
import { openEventStream } from '../test/daemon/event-stream-client.ts';
import { startSlowUpload, untilStoringUpload } from '../test/daemon/slow-upload.ts';
import { benchDataDir, latencySummary, removeBenchDataDir } from './daemon-bench-process.ts';
import type { BenchRow } from './table.ts';

const ROUNDS = 5;
const UPLOAD_BYTES = 4 * 1024 * 1024;

/** One stop of a busy daemon: milliseconds from SIGTERM to exit, and the exit code. */
async function timedStop(dataDir: string, folder: string): Promise<{ ms: number; code: number | string }> {
  const daemon = await startDaemonProcess(dataDir);
  // Holds its sockets for as long as the daemon lets it, as an editor's HTTP client does.
  const agent = new Agent({ keepAlive: true });
  try {
    const registered = await callDaemon(daemon, 'POST', `${NATIVE_API_PREFIX}/workspaces`, {
      folders: [folder],
    });
    const created = await callDaemon(daemon, 'POST', `${MLFLOW_API_PREFIX}/runs/create`, {
      experiment_id: '0',
    });
    if (registered.status !== 200 || created.status !== 200)
      throw new Error(`${registered.text} ${created.text}`);
    const runId = (created.json as { run: { info: { run_id: string } } }).run.info.run_id;
    await openEventStream(daemon.port, {
      authorization: `Bearer ${daemon.token}`,
      host: `127.0.0.1:${daemon.port}`,
    });
    // An upload the daemon is in the middle of storing when the signal arrives.
    const upload = startSlowUpload(
      daemon,
      `0/${runId}/artifacts/model.bin`,
      Buffer.alloc(UPLOAD_BYTES, 1),
      agent,
    );
    await untilStoringUpload(dataDir);
    const started = performance.now();
    daemon.child.kill('SIGTERM');
    upload.finish();
    const [code, answer] = await Promise.all([daemon.exited, upload.answered]);
    const ms = performance.now() - started;
    if (answer.status !== 200) throw new Error(`the upload in flight got ${answer.status}: ${answer.text}`);
    return { ms, code };
  } finally {
    agent.destroy();
    if (daemon.child.exitCode === null) daemon.child.kill('SIGKILL');
  }
}

export async function benchDaemonShutdown(): Promise<BenchRow[]> {
  const dataDir = benchDataDir('shutdown');
  const folder = path.join(dataDir, 'workspace');
  mkdirSync(path.join(folder, 'mlruns'), { recursive: true });
  try {
    const samples: number[] = [];
    const codes = new Set<number | string>();
    for (let i = 0; i < ROUNDS; i++) {
      const { ms, code } = await timedStop(path.join(dataDir, 'data'), folder);
      samples.push(ms);
      codes.add(code);
    }
    return [
      {
        area: 'daemon',
        measure: `SIGTERM to exit, busy: watched folder, event stream, keep-alive client, a 4 MiB upload in flight (answered 200) (${ROUNDS} stops)`,
        value: latencySummary(samples).text,
        target: `≤ ${DEFAULT_SHUTDOWN_TIMEOUT_SECONDS} s (--shutdown-timeout)`,
        note: `exit codes ${[...codes].join(', ')}; wall time on a shared host`,
      },
    ];
  } finally {
    removeBenchDataDir(dataDir);
  }
}
