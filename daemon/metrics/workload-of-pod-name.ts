/**
 * A pod's workload guessed from its name alone, for metrics whose pod has no object in the
 * daemon's cluster cache (gone, or the context is not watched). Controllers name pods with
 * Kubernetes' safe alphabet (no vowels, no 0, 1, 3): a Deployment's pods are
 * `<name>-<pod-template-hash>-<5>`, a StatefulSet's `<name>-<ordinal>`, a Job's `<name>-<5>`.
 */
import type { WorkloadRef } from '../api/contract.ts';

const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const DEPLOYMENT_POD = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`);
const JOB_POD = new RegExp(`^(.+)-${SAFE}{5}$`);
const STATEFUL_SET_POD = /^(.+)-(0|[1-9]\d*)$/;

export function workloadOfPodName(namespace: string, pod: string): WorkloadRef {
  const deployment = DEPLOYMENT_POD.exec(pod);
  if (deployment?.[1] !== undefined) return { kind: 'Deployment', namespace, name: deployment[1] };
  const statefulSet = STATEFUL_SET_POD.exec(pod);
  if (statefulSet?.[1] !== undefined) return { kind: 'StatefulSet', namespace, name: statefulSet[1] };
  const job = JOB_POD.exec(pod);
  if (job?.[1] !== undefined) return { kind: 'Job', namespace, name: job[1] };
  return { kind: 'Pod', namespace, name: pod };
}
