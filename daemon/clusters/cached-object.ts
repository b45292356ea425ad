/**
 * What the cache keeps of each object: only the fields the watcher reads, so that a cluster of
 * 150,000 pods fits in memory (managedFields, annotations, env, volumes and the like are dropped).
 */
import type {
  ContainerSpec,
  ContainerStatus,
  KubeEvent,
  KubeNode,
  KubeObject,
  KubePod,
  ObjectMeta,
} from './kube-objects.ts';

function meta(m: ObjectMeta | undefined): ObjectMeta {
  const kept: ObjectMeta = {};
  if (!m) return kept;
  if (m.name !== undefined) kept.name = m.name;
  if (m.namespace !== undefined) kept.namespace = m.namespace;
  if (m.resourceVersion !== undefined) kept.resourceVersion = m.resourceVersion;
  if (m.labels !== undefined) kept.labels = m.labels;
  if (m.ownerReferences !== undefined)
    kept.ownerReferences = m.ownerReferences.map(({ kind, name, controller }) => ({
      kind,
      name,
      controller,
    }));
  if (m.deletionTimestamp !== undefined) kept.deletionTimestamp = m.deletionTimestamp;
  return kept;
}

function container(c: ContainerSpec): ContainerSpec {
  return { name: c.name, resources: c.resources };
}

function containerStatus(s: ContainerStatus): ContainerStatus {
  return { name: s.name, restartCount: s.restartCount, state: s.state, lastState: s.lastState };
}

function pod(p: KubePod): KubePod {
  return {
    metadata: meta(p.metadata),
    spec: {
      nodeName: p.spec?.nodeName,
      containers: p.spec?.containers?.map(container),
      ...(p.spec?.initContainers ? { initContainers: p.spec.initContainers.map(container) } : {}),
    },
    status: {
      phase: p.status?.phase,
      conditions: p.status?.conditions?.filter((c) => c.status !== 'True'),
      containerStatuses: p.status?.containerStatuses?.map(containerStatus),
    },
  };
}

function node(n: KubeNode): KubeNode {
  return {
    metadata: meta(n.metadata),
    spec: { unschedulable: n.spec?.unschedulable },
    status: {
      capacity: n.status?.capacity,
      allocatable: n.status?.allocatable,
      conditions: n.status?.conditions?.map(({ type, status, reason, message }) => ({
        type,
        status,
        reason,
        message,
      })),
    },
  };
}

function event(e: KubeEvent): KubeEvent {
  const { involvedObject, reason, message, type, count, lastTimestamp, eventTime } = e;
  return {
    metadata: meta(e.metadata),
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
export function cachedObject(resource: string, object: KubeObject): KubeObject {
  switch (resource) {
    case 'pods':
      return pod(object);
    case 'nodes':
      return node(object);
    case 'events':
      return event(object);
    default:
      return { apiVersion: object.apiVersion, kind: object.kind, metadata: meta(object.metadata) };
  }
}
