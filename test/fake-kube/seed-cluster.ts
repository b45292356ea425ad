import type { KubeObject } from './kube-object.ts';
import { event, gpuNode, pod } from './object-builders.ts';
import type { PodLogs } from './pod-logs.ts';

/** Stores an object of any served kind (the fake cluster's `put`). */
export type PutObject = (object: KubeObject) => KubeObject;

const ago = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);
const meta = (
  namespace: string,
  name: string,
  uid: string,
  labels: Record<string, string> = {},
): KubeObject['metadata'] => ({
  name,
  namespace,
  uid,
  labels,
  creationTimestamp: ago(180)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z'),
});

/** UIDs of the seeded objects that tests refer to. */
export const SEED_UIDS = {
  churnDeployment: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0001',
  churnReplicaSet: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0002',
  churnPodA: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0003',
  churnPodB: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0004',
  llmStatefulSet: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0005',
  llmPod: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0006',
  trainJob: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0007',
  trainPod: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0008',
  h100Node: '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0009',
};

const SERVER_IMAGE =
  'registry.example.com/ml/churn-server@sha256:9f1e4b8cbb2f0f3c2f7bd5b0a5bd63b2c0a1b7e6e1c4f3a2b1c0d9e8f7a6b5c4';
const LLM_IMAGE = 'vllm/vllm-openai:v0.6.3';
const TRAIN_IMAGE = 'registry.example.com/ml/train-resnet:1.4.2';

/**
 * A small GPU cluster with the failures the daemon must explain: three nodes (H100 with MIG
 * mixed, A100 shared by time-slicing, a CPU node), a serving Deployment, an LLM StatefulSet whose
 * pod was OOMKilled and is in CrashLoopBackOff, a training Job pending on `Insufficient
 * nvidia.com/gpu`, an Xid event, Services and, when its CRD is served, an InferenceService.
 */
export function seedGpuCluster(put: PutObject, logs: PodLogs, customGroups: readonly string[]): void {
  for (const name of ['default', 'kube-system', 'ml-serving', 'ml-training']) {
    put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const h100 = gpuNode({
    name: 'gpu-h100-0',
    product: 'NVIDIA-H100-80GB-HBM3',
    memoryMiB: 81559,
    gpus: 4,
    migStrategy: 'mixed',
    extra: { 'nvidia.com/mig-1g.10gb': 14, 'nvidia.com/mig-3g.40gb': 4 },
    internalIp: '10.0.1.10',
    createdAt: ago(60 * 24 * 12),
  });
  h100.metadata.uid = SEED_UIDS.h100Node;
  put(h100);
  put(
    gpuNode({
      name: 'gpu-a100-0',
      product: 'NVIDIA-A100-SXM4-80GB',
      memoryMiB: 81920,
      gpus: 0,
      migStrategy: 'none',
      extra: { 'nvidia.com/gpu.shared': 32 },
      sharing: { strategy: 'time-slicing', replicas: 4 },
      internalIp: '10.0.1.11',
      createdAt: ago(60 * 24 * 12),
    }),
  );
  put(
    gpuNode({
      name: 'cpu-0',
      product: '',
      memoryMiB: 0,
      gpus: 0,
      migStrategy: 'none',
      internalIp: '10.0.1.12',
      createdAt: ago(60 * 24 * 30),
    }),
  );

  put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('default', 'kubernetes', '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0010', {
      component: 'apiserver',
      provider: 'kubernetes',
    }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    },
  });
  put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('ml-serving', 'churn-model', '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0011', {
      app: 'churn-model',
    }),
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.34',
      selector: { app: 'churn-model' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
    },
  });

  const churnTemplate = {
    metadata: { labels: { app: 'churn-model', 'pod-template-hash': '7d4b9c6f5' } },
    spec: {
      containers: [
        {
          name: 'server',
          image: SERVER_IMAGE,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: {
            requests: { 'nvidia.com/mig-1g.10gb': '1', memory: '4Gi' },
            limits: { 'nvidia.com/mig-1g.10gb': '1', memory: '4Gi' },
          },
        },
      ],
    },
  };
  put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...meta('ml-serving', 'churn-model', SEED_UIDS.churnDeployment, { app: 'churn-model' }),
      generation: 3,
      annotations: { 'deployment.kubernetes.io/revision': '3' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'churn-model' } },
      template: churnTemplate,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
    status: {
      observedGeneration: 3,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  });
  const rsOwner = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'churn-model',
    uid: SEED_UIDS.churnDeployment,
    controller: true,
    blockOwnerDeletion: true,
  };
  put({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...meta(
        'ml-serving',
        'churn-model-7d4b9c6f5',
        SEED_UIDS.churnReplicaSet,
        churnTemplate.metadata.labels,
      ),
      ownerReferences: [rsOwner],
    },
    spec: { replicas: 2, selector: { matchLabels: churnTemplate.metadata.labels }, template: churnTemplate },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  });
  const podOwner = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: 'churn-model-7d4b9c6f5',
    uid: SEED_UIDS.churnReplicaSet,
  };
  const churnPods: [string, string, string][] = [
    ['churn-model-7d4b9c6f5-x2x7q', SEED_UIDS.churnPodA, '10.244.1.21'],
    ['churn-model-7d4b9c6f5-k9p4m', SEED_UIDS.churnPodB, '10.244.1.22'],
  ];
  for (const [name, uid, ip] of churnPods) {
    put(
      pod({
        namespace: 'ml-serving',
        name,
        uid,
        labels: churnTemplate.metadata.labels,
        image: SERVER_IMAGE,
        nodeName: 'gpu-h100-0',
        podIp: ip,
        resources: { 'nvidia.com/mig-1g.10gb': '1', memory: '4Gi' },
        createdAt: ago(170),
        owner: podOwner,
      }),
    );
    logs.set('ml-serving', name, 'server', [
      'INFO:     Started server process [1]',
      'INFO:     Waiting for application startup.',
      'INFO:     Application startup complete.',
      'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)',
      'INFO:     10.244.1.1:52344 - "POST /predict HTTP/1.1" 200 OK',
    ]);
  }

  put({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('ml-serving', 'llm-server', SEED_UIDS.llmStatefulSet, { app: 'llm-server' }),
    spec: {
      replicas: 1,
      serviceName: 'llm-server',
      selector: { matchLabels: { app: 'llm-server' } },
      template: {
        metadata: { labels: { app: 'llm-server' } },
        spec: {
          containers: [
            {
              name: 'vllm',
              image: LLM_IMAGE,
              resources: {
                requests: { 'nvidia.com/gpu': '1', memory: '32Gi' },
                limits: { 'nvidia.com/gpu': '1', memory: '32Gi' },
              },
            },
          ],
        },
      },
    },
    status: { replicas: 1, readyReplicas: 0, currentReplicas: 1, updatedReplicas: 1 },
  });
  put(
    pod({
      namespace: 'ml-serving',
      name: 'llm-server-0',
      uid: SEED_UIDS.llmPod,
      labels: { app: 'llm-server', 'apps.kubernetes.io/pod-index': '0' },
      image: LLM_IMAGE,
      container: 'vllm',
      nodeName: 'gpu-h100-0',
      podIp: '10.244.1.30',
      resources: { 'nvidia.com/gpu': '1', memory: '32Gi' },
      createdAt: ago(95),
      owner: {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'llm-server',
        uid: SEED_UIDS.llmStatefulSet,
      },
      state: 'crashloop-oom',
      restartCount: 5,
    }),
  );
  logs.set(
    'ml-serving',
    'llm-server-0',
    'vllm',
    [
      'INFO 11-25 18:20:01 api_server.py:528] vLLM API server version 0.6.3',
      'INFO 11-25 18:20:04 model_runner.py:1056] Starting to load model meta-llama/Llama-3.1-8B-Instruct...',
    ],
    [
      'INFO 11-25 18:12:01 api_server.py:528] vLLM API server version 0.6.3',
      'INFO 11-25 18:12:04 model_runner.py:1056] Starting to load model meta-llama/Llama-3.1-8B-Instruct...',
      'INFO 11-25 18:12:41 model_runner.py:1067] Loading model weights took 14.9888 GB',
      'INFO 11-25 18:12:44 worker.py:262] Memory profiling results: total_gpu_memory=79.11GiB initial_memory_usage=15.52GiB peak_torch_memory=16.73GiB',
      'Killed',
    ],
  );

  put({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('ml-training', 'train-resnet', SEED_UIDS.trainJob, { app: 'train-resnet' }),
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 2,
      template: {
        metadata: { labels: { app: 'train-resnet' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'trainer',
              image: TRAIN_IMAGE,
              resources: { requests: { 'nvidia.com/gpu': '8' }, limits: { 'nvidia.com/gpu': '8' } },
            },
          ],
        },
      },
    },
    status: {
      active: 1,
      startTime: ago(20)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    },
  });
  put(
    pod({
      namespace: 'ml-training',
      name: 'train-resnet-8xk2w',
      uid: SEED_UIDS.trainPod,
      labels: { app: 'train-resnet', 'batch.kubernetes.io/job-name': 'train-resnet' },
      image: TRAIN_IMAGE,
      container: 'trainer',
      resources: { 'nvidia.com/gpu': '8' },
      createdAt: ago(20),
      owner: { apiVersion: 'batch/v1', kind: 'Job', name: 'train-resnet', uid: SEED_UIDS.trainJob },
      state: 'pending-gpu',
    }),
  );

  const llmContainer = {
    kind: 'Pod',
    namespace: 'ml-serving',
    name: 'llm-server-0',
    uid: SEED_UIDS.llmPod,
    apiVersion: 'v1',
    fieldPath: 'spec.containers{vllm}',
  };
  put(
    event({
      namespace: 'ml-serving',
      name: 'llm-server-0.180b1c2d3e4f5a60',
      involved: llmContainer,
      type: 'Warning',
      reason: 'BackOff',
      message:
        'Back-off restarting failed container vllm in pod llm-server-0_ml-serving(' + SEED_UIDS.llmPod + ')',
      count: 12,
      component: 'kubelet',
      host: 'gpu-h100-0',
      firstSeen: ago(80),
      lastSeen: ago(2),
    }),
  );
  put(
    event({
      namespace: 'ml-serving',
      name: 'llm-server-0.180b1c2d3e4f5a61',
      involved: llmContainer,
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${LLM_IMAGE}" already present on machine`,
      count: 6,
      component: 'kubelet',
      host: 'gpu-h100-0',
      firstSeen: ago(90),
      lastSeen: ago(3),
    }),
  );
  put(
    event({
      namespace: 'ml-training',
      name: 'train-resnet-8xk2w.180b1c2d3e4f5a62',
      involved: {
        kind: 'Pod',
        namespace: 'ml-training',
        name: 'train-resnet-8xk2w',
        uid: SEED_UIDS.trainPod,
        apiVersion: 'v1',
      },
      type: 'Warning',
      reason: 'FailedScheduling',
      message:
        '0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      count: 7,
      component: 'default-scheduler',
      firstSeen: ago(20),
      lastSeen: ago(1),
    }),
  );
  put(
    event({
      namespace: 'default',
      name: 'gpu-h100-0.180b1c2d3e4f5a63',
      involved: { kind: 'Node', name: 'gpu-h100-0', uid: SEED_UIDS.h100Node, apiVersion: 'v1' },
      type: 'Warning',
      reason: 'GPUXidError',
      message: 'NVRM: Xid (PCI:0000:3b:00): 79, pid=2314, name=python3, GPU has fallen off the bus.',
      count: 1,
      component: 'node-problem-detector',
      host: 'gpu-h100-0',
      firstSeen: ago(40),
      lastSeen: ago(40),
    }),
  );

  if (customGroups.includes('serving.kserve.io')) {
    put({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: {
        ...meta('ml-serving', 'churn-isvc', '5f0c7a52-2d0e-4b8e-9a77-0d5f4b1c0012', { app: 'churn-isvc' }),
        generation: 2,
      },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'sklearn' },
            storageUri: 's3://models/churn/4',
            resources: {
              requests: { 'nvidia.com/mig-1g.10gb': '1' },
              limits: { 'nvidia.com/mig-1g.10gb': '1' },
            },
          },
        },
      },
      status: {
        url: 'http://churn-isvc.ml-serving.example.com',
        conditions: [
          { type: 'PredictorReady', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        components: {
          predictor: {
            latestReadyRevision: 'churn-isvc-predictor-00002',
            traffic: [{ revisionName: 'churn-isvc-predictor-00002', percent: 100, latestRevision: true }],
          },
        },
      },
    });
  }
}
