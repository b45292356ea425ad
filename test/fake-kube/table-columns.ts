import { scalarText, valueAtPath, type KubeObject } from './kube-object.ts';
import { ageOf } from './human-duration.ts';
import { podStatusCells } from './pod-columns.ts';

/** meta/v1 TableColumnDefinition. */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'date';
  format: string;
  description: string;
  priority: number;
}

interface Column {
  name: string;
  /** 1: shown only by `-o wide`. */
  priority?: number;
  type?: ColumnDefinition['type'];
  cell: (object: KubeObject, now: number) => unknown;
}

const at = (object: KubeObject, path: string): unknown => valueAtPath(object, path.split('.'));
const text = (value: unknown, fallback = '<none>'): string =>
  value === undefined || value === null || value === '' ? fallback : scalarText(value);
const age: Column = { name: 'Age', cell: (o, now) => ageOf(o.metadata.creationTimestamp, now) };

function containersOf(object: KubeObject, path: string): { name: string; image: string }[] {
  return (at(object, path) as { name: string; image: string }[] | undefined) ?? [];
}

function nodeStatus(node: KubeObject): string {
  const conditions = (at(node, 'status.conditions') as { type: string; status: string }[] | undefined) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const status = ready?.status === 'True' ? 'Ready' : 'NotReady';
  return at(node, 'spec.unschedulable') === true ? `${status},SchedulingDisabled` : status;
}

function nodeRoles(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length));
  return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

function address(node: KubeObject, type: string): string {
  const addresses = (at(node, 'status.addresses') as { type: string; address: string }[] | undefined) ?? [];
  return addresses.find((a) => a.type === type)?.address ?? '<none>';
}

function servicePorts(service: KubeObject): string {
  const ports = (at(service, 'spec.ports') as { port: number; protocol?: string; nodePort?: number }[]) ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}` : `${p.port}`) + `/${p.protocol ?? 'TCP'}`)
    .join(',');
}

function selectorText(selector: unknown): string {
  const labels = (selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ?? selector;
  const entries = Object.entries((labels as Record<string, string> | undefined) ?? {});
  return entries.length > 0 ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function jobStatus(job: KubeObject): string {
  const conditions = (at(job, 'status.conditions') as { type: string; status: string }[] | undefined) ?? [];
  const has = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

function conditionStatus(object: KubeObject, type: string): string {
  const conditions =
    (at(object, 'status.conditions') as { type: string; status: string }[] | undefined) ?? [];
  return conditions.find((c) => c.type === type)?.status ?? '';
}

const name: Column = { name: 'Name', cell: (o) => o.metadata.name };
const workloadContainers = (path: string): Column[] => [
  {
    name: 'Containers',
    priority: 1,
    cell: (o) =>
      containersOf(o, path)
        .map((c) => c.name)
        .join(','),
  },
  {
    name: 'Images',
    priority: 1,
    cell: (o) =>
      containersOf(o, path)
        .map((c) => c.image)
        .join(','),
  },
];

/** The columns the real API server prints for each kind; custom resources get Name and Age. */
const COLUMNS: Record<string, Column[]> = {
  Node: [
    name,
    { name: 'Status', cell: nodeStatus },
    { name: 'Roles', cell: nodeRoles },
    age,
    { name: 'Version', cell: (o) => text(at(o, 'status.nodeInfo.kubeletVersion'), '') },
    { name: 'Internal-IP', priority: 1, cell: (o) => address(o, 'InternalIP') },
    { name: 'External-IP', priority: 1, cell: (o) => address(o, 'ExternalIP') },
    { name: 'OS-Image', priority: 1, cell: (o) => text(at(o, 'status.nodeInfo.osImage'), '<unknown>') },
    {
      name: 'Kernel-Version',
      priority: 1,
      cell: (o) => text(at(o, 'status.nodeInfo.kernelVersion'), '<unknown>'),
    },
    {
      name: 'Container-Runtime',
      priority: 1,
      cell: (o) => text(at(o, 'status.nodeInfo.containerRuntimeVersion'), '<unknown>'),
    },
  ],
  Pod: [
    name,
    { name: 'Ready', cell: (o, now) => podStatusCells(o, now).ready },
    { name: 'Status', cell: (o, now) => podStatusCells(o, now).status },
    { name: 'Restarts', cell: (o, now) => podStatusCells(o, now).restarts },
    age,
    { name: 'IP', priority: 1, cell: (o) => text(at(o, 'status.podIP')) },
    { name: 'Node', priority: 1, cell: (o) => text(at(o, 'spec.nodeName')) },
    { name: 'Nominated Node', priority: 1, cell: (o) => text(at(o, 'status.nominatedNodeName')) },
    { name: 'Readiness Gates', priority: 1, cell: () => '<none>' },
  ],
  Event: [
    { name: 'Last Seen', cell: (o, now) => ageOf(at(o, 'lastTimestamp') ?? at(o, 'eventTime'), now) },
    { name: 'Type', cell: (o) => text(at(o, 'type'), '') },
    { name: 'Reason', cell: (o) => text(at(o, 'reason'), '') },
    {
      name: 'Object',
      cell: (o) =>
        `${String(at(o, 'involvedObject.kind')).toLowerCase()}/${String(at(o, 'involvedObject.name'))}`,
    },
    { name: 'Message', cell: (o) => text(at(o, 'message'), '') },
    { name: 'Source', priority: 1, cell: (o) => text(at(o, 'source.component'), '') },
    { name: 'Count', priority: 1, type: 'integer', cell: (o) => at(o, 'count') ?? 1 },
    { name: 'Name', priority: 1, cell: (o) => o.metadata.name },
  ],
  Namespace: [name, { name: 'Status', cell: (o) => text(at(o, 'status.phase'), 'Active') }, age],
  Service: [
    name,
    { name: 'Type', cell: (o) => text(at(o, 'spec.type'), 'ClusterIP') },
    { name: 'Cluster-IP', cell: (o) => text(at(o, 'spec.clusterIP')) },
    { name: 'External-IP', cell: () => '<none>' },
    { name: 'Port(s)', cell: servicePorts },
    age,
    { name: 'Selector', priority: 1, cell: (o) => selectorText(at(o, 'spec.selector')) },
  ],
  Deployment: [
    name,
    {
      name: 'Ready',
      cell: (o) => `${Number(at(o, 'status.readyReplicas') ?? 0)}/${Number(at(o, 'spec.replicas') ?? 1)}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (o) => Number(at(o, 'status.updatedReplicas') ?? 0) },
    { name: 'Available', type: 'integer', cell: (o) => Number(at(o, 'status.availableReplicas') ?? 0) },
    age,
    ...workloadContainers('spec.template.spec.containers'),
    { name: 'Selector', priority: 1, cell: (o) => selectorText(at(o, 'spec.selector')) },
  ],
  StatefulSet: [
    name,
    {
      name: 'Ready',
      cell: (o) => `${Number(at(o, 'status.readyReplicas') ?? 0)}/${Number(at(o, 'spec.replicas') ?? 1)}`,
    },
    age,
    ...workloadContainers('spec.template.spec.containers'),
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => Number(at(o, 'spec.replicas') ?? 1) },
    { name: 'Current', type: 'integer', cell: (o) => Number(at(o, 'status.replicas') ?? 0) },
    { name: 'Ready', type: 'integer', cell: (o) => Number(at(o, 'status.readyReplicas') ?? 0) },
    age,
    ...workloadContainers('spec.template.spec.containers'),
  ],
  Job: [
    name,
    { name: 'Status', cell: jobStatus },
    {
      name: 'Completions',
      cell: (o) => `${Number(at(o, 'status.succeeded') ?? 0)}/${Number(at(o, 'spec.completions') ?? 1)}`,
    },
    { name: 'Duration', cell: (o, now) => ageOf(at(o, 'status.startTime'), now) },
    age,
    ...workloadContainers('spec.template.spec.containers'),
  ],
  InferenceService: [
    name,
    { name: 'URL', cell: (o) => text(at(o, 'status.url'), '') },
    { name: 'Ready', cell: (o) => conditionStatus(o, 'Ready') },
    {
      name: 'Prev',
      type: 'integer',
      cell: (o) => at(o, 'status.components.predictor.traffic.0.percent') ?? '',
    },
    { name: 'Latest', type: 'integer', cell: (o) => at(o, 'spec.predictor.canaryTrafficPercent') ?? '' },
    age,
  ],
};

export function columnsFor(kind: string): Column[] {
  return COLUMNS[kind] ?? [name, age];
}

export function columnDefinitions(kind: string): ColumnDefinition[] {
  return columnsFor(kind).map((column) => ({
    name: column.name,
    type: column.type ?? 'string',
    format: column.name === 'Name' && column.priority === undefined ? 'name' : '',
    description: `${column.name} of the ${kind}`,
    priority: column.priority ?? 0,
  }));
}
