import { event, pod } from './object-builders.ts';
import { ago, meta, SEED_UIDS, type PutObject } from './seed-common.ts';
import { LLM_IMAGE } from './seed-serving.ts';

const TRAIN_IMAGE = 'registry.example.com/ml/train-resnet:1.4.2';

/**
 * `ml-training`'s Job with its pod pending on `Insufficient nvidia.com/gpu`, the events of the
 * failing pods, the Xid event of the H100 node and, when its CRD is served, an InferenceService.
 */
export function seedTrainingAndEvents(put: PutObject, customGroups: readonly string[]): void {
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
