/** Calls a test daemon's MLflow REST API as a training script would, asserting it answers 200. */
import assert from 'node:assert/strict';
import type { SpawnedDaemon } from '../daemon/daemon-process.ts';

export async function mlflow<T>(daemon: SpawnedDaemon, endpoint: string, body: unknown): Promise<T> {
  const response = await fetch(`${daemon.url}/api/2.0/mlflow/${endpoint}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as T;
}
