/**
 * An artifact upload whose body arrives in two parts, so a test (or a bench) can act while the
 * daemon is in the middle of a request: send the first half, wait until the daemon is storing
 * it, do something, then send the rest.
 */
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type Agent, type ClientRequest } from 'node:http';
import path from 'node:path';
import { MLFLOW_ARTIFACTS_PREFIX } from '../../daemon/api/contract.ts';
import type { SpawnedDaemon } from './daemon-process.ts';

export interface SlowUpload {
  /** The daemon's answer once the whole body was sent. */
  readonly answered: Promise<{ status: number; text: string }>;
  /** Sends the second half. */
  finish(): void;
  /** Drops the request without sending the rest. */
  abandon(): void;
}

/** Starts a PUT of `body` to `artifactPath` through `agent` and sends its first half. */
export function startSlowUpload(
  daemon: SpawnedDaemon,
  artifactPath: string,
  body: Buffer,
  agent: Agent,
): SlowUpload {
  let request!: ClientRequest;
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request = httpRequest(
      {
        host: '127.0.0.1',
        port: daemon.port,
        method: 'PUT',
        path: `${MLFLOW_ARTIFACTS_PREFIX}/${artifactPath}`,
        agent,
        setHost: false,
        headers: {
          host: `127.0.0.1:${daemon.port}`,
          authorization: `Bearer ${daemon.token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(body.length),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
  });
  request.write(body.subarray(0, body.length / 2));
  return {
    answered,
    finish: () => request.end(body.subarray(body.length / 2)),
    abandon: () => request.destroy(),
  };
}

/** Resolves once the daemon of `dataDir` is storing an upload (its staging file has bytes). */
export async function untilStoringUpload(dataDir: string): Promise<void> {
  const staging = path.join(dataDir, 'artifacts', 'tmp');
  const deadline = Date.now() + 30_000;
  const storing = (): boolean =>
    readdirSync(staging).some((name) => {
      try {
        return statSync(path.join(staging, name)).size > 0;
      } catch {
        return false; // Finished (moved) between the listing and the look.
      }
    });
  while (!storing()) {
    if (Date.now() > deadline) throw new Error('the daemon never started storing the upload');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
