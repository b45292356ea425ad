/**
 * What the cached objects say went wrong: OOM kills and crash loops from container statuses,
 * pods the scheduler cannot place for lack of GPUs, and Xid errors from Events and node
 * conditions. Pure: one object in, sightings out; the watcher dedupes them into failures and
 * fetches the log lines a sighting asks for.
 */
import type { ClusterFailureKind, FailureEvidence } from '../api/contract.ts';
import type { ContainerStatus, KubeEvent, KubeNode, KubePod } from './kube-objects.ts';

/** `terminated_error`: a container exited with an error; its logs may show a GPU OOM. */
export type SightingKind = ClusterFailureKind | 'terminated_error';

export interface FailureSighting {
  kind: SightingKind;
  namespace: string;
  pod?: string;
  container?: string;
  node?: string;
  message: string;
  evidence: FailureEvidence;
  /** The container whose last log lines are the evidence; `previous` for a restarted one. */
  logs?: { container: string; previous: boolean };
}

export const INSUFFICIENT_GPU = /Insufficient nvidia\.com\/[\w.-]+/;
export const XID = /\bXid\b[^\n]{0,200}/i;

function containerSightings(pod: KubePod, status: ContainerStatus): FailureSighting[] {
  const container = status.name ?? '';
  const base = {
    namespace: pod.metadata?.namespace ?? 'default',
    pod: pod.metadata?.name ?? '',
    container,
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
  };
  const restarts = status.restartCount ?? 0;
  const current = status.state?.terminated;
  const last = status.lastState?.terminated;
  const terminated = current ?? last;
  // A restarted container's own logs are gone; the previous instance's are the evidence.
  const previous = current === undefined && last !== undefined;
  const evidence: FailureEvidence = { restart_count: restarts };
  if (terminated?.exitCode !== undefined) evidence.exit_code = terminated.exitCode;
  if (terminated?.reason) evidence.event_reason = terminated.reason;
  if (terminated?.message) evidence.event_message = terminated.message;
  const sightings: FailureSighting[] = [];
  const waiting = status.state?.waiting;
  if (waiting?.reason === 'CrashLoopBackOff') {
    sightings.push({
      ...base,
      kind: 'crash_loop',
      message: `container ${container} is in CrashLoopBackOff after ${restarts} restarts`,
      evidence: {
        ...evidence,
        event_reason: 'CrashLoopBackOff',
        ...(waiting.message ? { event_message: waiting.message } : {}),
      },
      logs: { container, previous: true },
    });
  }
  if (terminated?.reason === 'OOMKilled') {
    sightings.push({
      ...base,
      kind: 'oom_killed',
      message: `container ${container} was OOMKilled (host memory limit), exit code ${terminated.exitCode ?? 137}`,
      evidence,
      logs: { container, previous },
    });
  } else if (
    terminated !== undefined &&
    terminated.reason !== 'Completed' &&
    (terminated.exitCode ?? 0) !== 0
  ) {
    sightings.push({
      ...base,
      kind: 'terminated_error',
      message: `container ${container} exited with code ${terminated.exitCode ?? '?'}`,
      evidence,
      logs: { container, previous },
    });
  }
  return sightings;
}

export function podSightings(pod: KubePod): FailureSighting[] {
  const sightings = (pod.status?.containerStatuses ?? []).flatMap((status) =>
    containerSightings(pod, status),
  );
  if (pod.status?.phase === 'Pending') {
    const unschedulable = (pod.status.conditions ?? []).find(
      (c) => c.type === 'PodScheduled' && c.status === 'False' && INSUFFICIENT_GPU.test(c.message ?? ''),
    );
    if (unschedulable) {
      sightings.push({
        kind: 'insufficient_gpu',
        namespace: pod.metadata?.namespace ?? 'default',
        pod: pod.metadata?.name ?? '',
        message: `pod is pending: ${INSUFFICIENT_GPU.exec(unschedulable.message ?? '')?.[0] ?? 'insufficient GPUs'}`,
        evidence: {
          event_reason: unschedulable.reason ?? 'Unschedulable',
          event_message: unschedulable.message ?? '',
        },
      });
    }
  }
  return sightings;
}

export function eventSightings(event: KubeEvent): FailureSighting[] {
  const message = event.message ?? '';
  const involved = event.involvedObject ?? {};
  const namespace = involved.namespace ?? event.metadata?.namespace ?? 'default';
  const evidence: FailureEvidence = { event_reason: event.reason ?? '', event_message: message };
  const target =
    involved.kind === 'Pod'
      ? { pod: involved.name ?? '' }
      : involved.kind === 'Node'
        ? { node: involved.name ?? '' }
        : {};
  const xid = XID.exec(message);
  if (xid) return [{ kind: 'xid', namespace, ...target, message: `GPU ${xid[0].trim()}`, evidence }];
  const insufficient = INSUFFICIENT_GPU.exec(message);
  if (insufficient && involved.kind === 'Pod') {
    return [
      {
        kind: 'insufficient_gpu',
        namespace,
        ...target,
        message: `pod is pending: ${insufficient[0]}`,
        evidence,
      },
    ];
  }
  return [];
}

export function nodeSightings(node: KubeNode): FailureSighting[] {
  const name = node.metadata?.name ?? '';
  return (node.status?.conditions ?? []).flatMap((condition): FailureSighting[] => {
    const text = `${condition.reason ?? ''} ${condition.message ?? ''}`;
    const xid = XID.exec(text);
    if (condition.status !== 'True' || xid === null) return [];
    return [
      {
        kind: 'xid',
        namespace: '',
        node: name,
        message: `GPU ${xid[0].trim()} on node ${name} (condition ${condition.type ?? '?'})`,
        evidence: {
          event_reason: condition.reason ?? condition.type ?? '',
          event_message: condition.message ?? '',
        },
      },
    ];
  });
}

/** Log lines that tell of a GPU running out of memory (PyTorch, TensorFlow, CUDA runtime and driver). */
export const GPU_OOM_LINE =
  /CUDA out of memory|OutOfMemoryError: CUDA|CUDA_ERROR_OUT_OF_MEMORY|cudaErrorMemoryAllocation|RESOURCE_EXHAUSTED: OOM when allocating|failed to allocate .* on device/i;

export function gpuOomLine(lines: readonly string[]): string | undefined {
  return lines.find((line) => GPU_OOM_LINE.test(line));
}
