import { pod } from './object-builders.ts';
import type { PodLogs } from './pod-logs.ts';
import { ago, meta, SEED_UIDS, type PutObject } from './seed-common.ts';

const SERVER_IMAGE =
  'registry.example.com/ml/churn-server@sha256:9f1e4b8cbb2f0f3c2f7bd5b0a5bd63b2c0a1b7e6e1c4f3a2b1c0d9e8f7a6b5c4';
export const LLM_IMAGE = 'vllm/vllm-openai:v0.6.3';

/**
 * `ml-serving`: the churn model's Deployment, ReplicaSet and two running pods on a MIG slice, and
 * the LLM StatefulSet whose pod was OOMKilled and is in CrashLoopBackOff (with its logs before and
 * after the restart).
 */
export function seedServing(put: PutObject, logs: PodLogs): void {
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
}
