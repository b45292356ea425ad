import type { KubeObject } from './kube-object.ts';
import { timestamp } from './object-store.ts';

/** Real object shapes for seeding: GPU nodes as GPU feature discovery labels them, pods, events. */

export interface GpuNodeOptions {
  name: string;
  product: string;
  /** MiB, as the `nvidia.com/gpu.memory` label says. */
  memoryMiB: number;
  gpus: number;
  /** Physical GPUs (the `nvidia.com/gpu.count` label); default `gpus`. MIG and sharing change what is advertised. */
  physicalGpus?: number;
  migStrategy: 'none' | 'single' | 'mixed';
  /** Extended resources beyond `nvidia.com/gpu`: `{ 'nvidia.com/mig-1g.10gb': 7 }`. */
  extra?: Record<string, number>;
  sharing?: { strategy: 'time-slicing' | 'mps'; replicas: number };
  internalIp: string;
  createdAt: Date;
}

export function gpuNode(options: GpuNodeOptions): KubeObject {
  const resources: Record<string, string> = {
    cpu: '96',
    memory: '1056466700Ki',
    pods: '110',
    'ephemeral-storage': '1843415276Ki',
  };
  if (options.gpus > 0) resources['nvidia.com/gpu'] = String(options.gpus);
  for (const [name, count] of Object.entries(options.extra ?? {})) resources[name] = String(count);
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': options.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/instance-type': options.product.includes('H100') ? 'p5.48xlarge' : 'p4de.24xlarge',
  };
  if (options.gpus > 0 || options.extra) {
    Object.assign(labels, {
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': options.product,
      'nvidia.com/gpu.memory': String(options.memoryMiB),
      'nvidia.com/gpu.count': String(options.physicalGpus ?? options.gpus),
      'nvidia.com/gpu.family': options.product.includes('H100') ? 'hopper' : 'ampere',
      'nvidia.com/mig.strategy': options.migStrategy,
      'nvidia.com/gpu.sharing-strategy': options.sharing?.strategy ?? 'none',
      'nvidia.com/cuda.driver-version.full': '550.90.07',
    });
    if (options.sharing) labels['nvidia.com/gpu.replicas'] = String(options.sharing.replicas);
    if (options.migStrategy !== 'none') labels['nvidia.com/mig.config'] = 'all-balanced';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: options.name, labels, creationTimestamp: timestamp(options.createdAt) },
    spec: { podCIDR: '10.244.0.0/24', providerID: `aws:///us-east-1a/i-${options.name}` },
    status: {
      capacity: resources,
      allocatable: { ...resources, cpu: '95500m' },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ].map((c) => ({
        ...c,
        lastHeartbeatTime: timestamp(),
        lastTransitionTime: timestamp(options.createdAt),
      })),
      addresses: [
        { type: 'InternalIP', address: options.internalIp },
        { type: 'Hostname', address: options.name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.4',
        kubeProxyVersion: 'v1.32.4',
        osImage: 'Ubuntu 22.04.4 LTS',
        kernelVersion: '5.15.0-1063-aws',
        containerRuntimeVersion: 'containerd://1.7.20',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** An H100 80GB node with 8 GPUs under the MIG mixed strategy: 4 whole, 14 × 1g.10gb, 4 × 3g.40gb. */
export function h100MigNode(name: string, internalIp: string, createdAt: Date): KubeObject {
  return gpuNode({
    name,
    product: 'NVIDIA-H100-80GB-HBM3',
    memoryMiB: 81559,
    gpus: 4,
    physicalGpus: 8,
    migStrategy: 'mixed',
    extra: { 'nvidia.com/mig-1g.10gb': 14, 'nvidia.com/mig-3g.40gb': 4 },
    internalIp,
    createdAt,
  });
}

export interface PodOptions {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  image: string;
  container?: string;
  nodeName?: string;
  podIp?: string;
  /** Requests and limits of the one container. */
  resources?: Record<string, string>;
  createdAt: Date;
  owner?: { apiVersion: string; kind: string; name: string; uid: string };
  /** Running (default), OOMKilled in CrashLoopBackOff, Pending unschedulable, or Succeeded. */
  state?: 'running' | 'crashloop-oom' | 'pending-gpu' | 'succeeded';
  restartCount?: number;
}

function containerStatus(options: PodOptions, container: string): Record<string, unknown> {
  const started = timestamp(options.createdAt);
  const base = {
    name: container,
    image: options.image,
    imageID: `${options.image}@sha256:${'ab'.repeat(32)}`,
    containerID: `containerd://${options.uid.replace(/-/g, '')}`,
  };
  switch (options.state ?? 'running') {
    case 'crashloop-oom':
      return {
        ...base,
        ready: false,
        started: false,
        restartCount: options.restartCount ?? 5,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 5m0s restarting failed container=${container} pod=${options.name}_${options.namespace}(${options.uid})`,
          },
        },
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: started,
            finishedAt: timestamp(new Date(Date.now() - 90_000)),
            containerID: base.containerID,
          },
        },
      };
    case 'succeeded':
      return {
        ...base,
        ready: false,
        started: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started } },
      };
    default:
      return {
        ...base,
        ready: true,
        started: true,
        restartCount: options.restartCount ?? 0,
        state: { running: { startedAt: started } },
      };
  }
}

export function pod(options: PodOptions): KubeObject {
  const container = options.container ?? 'server';
  const state = options.state ?? 'running';
  const created = timestamp(options.createdAt);
  const conditions =
    state === 'pending-gpu'
      ? [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message:
              '0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
            lastTransitionTime: created,
          },
        ]
      : [
          { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: created },
          { type: 'Initialized', status: 'True', lastTransitionTime: created },
          { type: 'Ready', status: state === 'running' ? 'True' : 'False', lastTransitionTime: created },
          {
            type: 'ContainersReady',
            status: state === 'running' ? 'True' : 'False',
            lastTransitionTime: created,
          },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: created },
        ];
  const phase = state === 'pending-gpu' ? 'Pending' : state === 'succeeded' ? 'Succeeded' : 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      uid: options.uid,
      labels: options.labels,
      creationTimestamp: created,
      ...(options.owner
        ? { ownerReferences: [{ ...options.owner, controller: true, blockOwnerDeletion: true }] }
        : {}),
    },
    spec: {
      containers: [
        {
          name: container,
          image: options.image,
          ...(options.resources
            ? { resources: { requests: options.resources, limits: options.resources } }
            : {}),
          terminationMessagePolicy: 'FallbackToLogsOnError',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: state === 'succeeded' ? 'Never' : 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      ...(options.nodeName && state !== 'pending-gpu' ? { nodeName: options.nodeName } : {}),
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    },
    status: {
      phase,
      conditions,
      qosClass: options.resources ? 'Guaranteed' : 'BestEffort',
      ...(state === 'pending-gpu'
        ? {}
        : {
            hostIP: '10.0.1.10',
            podIP: options.podIp ?? '10.244.1.10',
            podIPs: [{ ip: options.podIp ?? '10.244.1.10' }],
            startTime: created,
            containerStatuses: [containerStatus(options, container)],
          }),
    },
  };
}

export interface EventOptions {
  namespace: string;
  name: string;
  involved: {
    kind: string;
    name: string;
    namespace?: string;
    uid: string;
    apiVersion: string;
    fieldPath?: string;
  };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count: number;
  component: string;
  host?: string;
  firstSeen: Date;
  lastSeen: Date;
}

export function event(options: EventOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      creationTimestamp: timestamp(options.firstSeen),
    },
    involvedObject: { ...options.involved, ...(options.involved.namespace ? {} : {}) },
    reason: options.reason,
    message: options.message,
    source: { component: options.component, ...(options.host ? { host: options.host } : {}) },
    firstTimestamp: timestamp(options.firstSeen),
    lastTimestamp: timestamp(options.lastSeen),
    count: options.count,
    type: options.type,
    eventTime: null,
    reportingComponent: options.component,
    reportingInstance: options.host ?? '',
  };
}
