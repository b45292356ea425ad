import { scalarText, valueAtPath, type KubeObject } from './kube-object.ts';
import { ageOf } from './human-duration.ts';

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    running?: object;
    terminated?: { reason?: string; exitCode?: number };
  };
  lastState?: { terminated?: { finishedAt?: string } };
}

/** READY, STATUS and RESTARTS of a pod, computed as the API server's pod printer does. */
export function podStatusCells(
  pod: KubeObject,
  now: number,
): { ready: string; status: string; restarts: string } {
  const statuses = (valueAtPath(pod, ['status', 'containerStatuses']) as ContainerStatus[] | undefined) ?? [];
  const containers = (valueAtPath(pod, ['spec', 'containers']) as unknown[] | undefined) ?? [];
  let reason = scalarText(valueAtPath(pod, ['status', 'reason']) ?? valueAtPath(pod, ['status', 'phase']));
  let restarts = 0;
  let readyContainers = 0;
  let running = false;
  let lastRestart: string | undefined;
  for (const status of [...statuses].reverse()) {
    restarts += status.restartCount ?? 0;
    const finishedAt = status.lastState?.terminated?.finishedAt;
    if (finishedAt && (!lastRestart || finishedAt > lastRestart)) lastRestart = finishedAt;
    const state = status.state ?? {};
    if (state.waiting?.reason) reason = state.waiting.reason;
    else if (state.terminated?.reason) reason = state.terminated.reason;
    else if (state.terminated) reason = `ExitCode:${state.terminated.exitCode ?? 0}`;
    else if (status.ready && state.running) {
      running = true;
      readyContainers++;
    }
  }
  if (reason === 'Completed' && running) reason = 'Running';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  const restartText =
    restarts > 0 && lastRestart ? `${restarts} (${ageOf(lastRestart, now)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${containers.length}`, status: reason, restarts: restartText };
}
