/**
 * What the cache keeps of each object: only the fields the watcher reads, so that a cluster of
 * 150,000 pods fits in memory. Managed fields, annotations, env, volumes, images and the like are
 * dropped; of a pod only GPU-requesting containers, statuses that are more than "running, never
 * restarted", and the labels that name its workload are kept; repeated strings (namespaces,
 * node names, phases, kinds, quantities) are shared.
 */
import { isGpuResource } from '../../server/workloads/model.ts';
import type {
  ContainerSpec,
  ContainerStatus,
  KubeEvent,
  KubeNode,
  KubeObject,
  KubePod,
  ObjectMeta,
  ResourceList,
} from './kube-objects.ts';

/** Labels a pod's workload is read from (see pod-workload.ts). */
const WORKLOAD_LABELS = ['pod-template-hash', 'serving.kserve.io/inferenceservice', 'ray.io/cluster'];

/**
 * Shares equal strings, and equal small objects that are never mutated (a pod's spec on one node,
 * its owner references, a phase-only status), between the cached objects of one resource.
 */
export class StringPool {
  readonly #strings = new Map<string, string>();
  readonly #objects = new Map<string, object>();

  /** The pooled copy of `text`; the pool stops growing past `limit` distinct strings. */
  share<T extends string | undefined>(text: T, limit = 200_000): T {
    if (text === undefined) return text;
    const pooled = this.#strings.get(text);
    if (pooled !== undefined) return pooled as T;
    if (this.#strings.size < limit) this.#strings.set(text, text);
    return text;
  }

  /** The pooled copy of a plain, immutable object equal to `object`. */
  shareObject<T extends object>(object: T, limit = 50_000): T {
    const key = JSON.stringify(object);
    const pooled = this.#objects.get(key);
    if (pooled !== undefined) return pooled as T;
    if (this.#objects.size < limit) this.#objects.set(key, object);
    return object;
  }
}

function meta(m: ObjectMeta | undefined, pool: StringPool, labels?: readonly string[]): ObjectMeta {
  const kept: ObjectMeta = {};
  if (!m) return kept;
  if (m.name !== undefined) kept.name = m.name;
  if (m.namespace !== undefined) kept.namespace = pool.share(m.namespace);
  if (m.resourceVersion !== undefined) kept.resourceVersion = m.resourceVersion;
  if (m.labels !== undefined) {
    if (labels === undefined) {
      kept.labels = m.labels;
    } else {
      const picked = labels.filter((l) => m.labels?.[l] !== undefined);
      if (picked.length > 0)
        kept.labels = Object.fromEntries(picked.map((l) => [l, pool.share(m.labels?.[l] ?? '')]));
    }
  }
  if (m.ownerReferences !== undefined)
    kept.ownerReferences = pool.shareObject(
      m.ownerReferences.map(({ kind, name, controller }) => ({ kind, name, controller })),
    );
  if (m.deletionTimestamp !== undefined) kept.deletionTimestamp = m.deletionTimestamp;
  return kept;
}

function gpuOnly(list: ResourceList | undefined, pool: StringPool): ResourceList | undefined {
  if (list === undefined) return undefined;
  const kept = Object.entries(list).filter(([resource]) => isGpuResource(resource));
  return kept.length === 0 ? undefined : Object.fromEntries(kept.map(([r, q]) => [r, pool.share(q)]));
}

function gpuContainers(
  containers: ContainerSpec[] | undefined,
  pool: StringPool,
): ContainerSpec[] | undefined {
  const kept: ContainerSpec[] = [];
  for (const c of containers ?? []) {
    const requests = gpuOnly(c.resources?.requests, pool);
    const limits = gpuOnly(c.resources?.limits, pool);
    if (requests || limits)
      kept.push({ resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });
  }
  return kept.length > 0 ? kept : undefined;
}

/** Running and never restarted says nothing a failure needs. */
function telling(s: ContainerStatus): boolean {
  return (s.restartCount ?? 0) > 0 || s.state?.running === undefined || s.lastState?.terminated !== undefined;
}

function pod(p: KubePod, pool: StringPool): KubePod {
  const statuses = p.status?.containerStatuses?.filter(telling);
  const conditions = p.status?.conditions?.filter((c) => c.status !== 'True');
  const containers = gpuContainers(p.spec?.containers, pool);
  const initContainers = gpuContainers(p.spec?.initContainers, pool);
  const tellingStatus = (conditions?.length ?? 0) > 0 || (statuses?.length ?? 0) > 0;
  const phaseOnly = { phase: p.status?.phase };
  return {
    metadata: meta(p.metadata, pool, WORKLOAD_LABELS),
    spec: pool.shareObject({
      ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
      ...(containers ? { containers } : {}),
      ...(initContainers ? { initContainers } : {}),
    }),
    status: tellingStatus
      ? {
          phase: pool.share(p.status?.phase),
          ...(conditions && conditions.length > 0 ? { conditions } : {}),
          ...(statuses && statuses.length > 0
            ? {
                containerStatuses: statuses.map(({ name, restartCount, state, lastState }) => ({
                  name,
                  restartCount,
                  state,
                  lastState,
                })),
              }
            : {}),
        }
      : pool.shareObject(phaseOnly),
  };
}

function node(n: KubeNode, pool: StringPool): KubeNode {
  return {
    metadata: meta(n.metadata, pool),
    spec: { unschedulable: n.spec?.unschedulable },
    status: {
      capacity: gpuOnly(n.status?.capacity, pool),
      allocatable: gpuOnly(n.status?.allocatable, pool),
      conditions: n.status?.conditions?.map(({ type, status, reason, message }) => ({
        type: pool.share(type),
        status: pool.share(status),
        reason: pool.share(reason),
        message,
      })),
    },
  };
}

function event(e: KubeEvent, pool: StringPool): KubeEvent {
  const { involvedObject, reason, message, type, count, lastTimestamp, eventTime } = e;
  return {
    metadata: meta(e.metadata, pool),
    involvedObject,
    reason,
    message,
    type,
    count,
    lastTimestamp,
    eventTime,
  };
}

/** The part of an object of `resource` (`pods`, `nodes`, `events`, others) the cache keeps. */
export function cachedObject(resource: string, object: KubeObject, pool: StringPool): KubeObject {
  switch (resource) {
    case 'pods':
      return pod(object, pool);
    case 'nodes':
      return node(object, pool);
    case 'events':
      return event(object, pool);
    default:
      return { apiVersion: object.apiVersion, kind: object.kind, metadata: meta(object.metadata, pool) };
  }
}
