/**
 * A generated corpus of Kubernetes manifests shaped like a real platform repository: serving
 * Deployments, KServe InferenceServices, training Jobs and PyTorchJobs, Services and ConfigMaps,
 * some with GPU mistakes. Deterministic for a given count.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function deployment(i: number): string {
  const gpu = i % 3 === 0 ? `\n              nvidia.com/gpu: ${1 + (i % 2)}` : '';
  return `# Serving deployment ${i}: owned by team-${i % 17}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: model-server-${i}
  namespace: ml-${i % 9}
  labels:
    app.kubernetes.io/name: model-server-${i}
    app.kubernetes.io/part-of: recommendations
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels:
      app: model-server-${i}
  template:
    metadata:
      labels:
        app: model-server-${i}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      nodeSelector:
        nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3
      containers:
        - name: server
          image: ghcr.io/acme/model-server:${i % 5 === 0 ? 'latest' : `1.${i % 30}.0`}
          args: ["--model", "/models/m${i}", "--port", "8080"]
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: MODEL_NAME
              value: m${i}
            - name: LOG_LEVEL
              value: info
          resources:
            requests:
              cpu: "${1 + (i % 4)}"
              memory: ${2 + (i % 6)}Gi${gpu}
            limits:
              memory: ${2 + (i % 6)}Gi${i % 6 === 0 ? '' : gpu}
          readinessProbe:
            httpGet:
              path: /health
              port: 8080
            periodSeconds: 10
---
apiVersion: v1
kind: Service
metadata:
  name: model-server-${i}
  namespace: ml-${i % 9}
spec:
  selector:
    app: model-server-${i}
  ports:
    - port: 80
      targetPort: 8080
`;
}

function inferenceService(i: number): string {
  return `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: fraud-${i}
  namespace: serving
spec:
  predictor:
    minReplicas: 1
    model:
      modelFormat:
        name: sklearn
      storageUri: s3://models/fraud/${i}
      resources:
        requests:
          cpu: "1"
          memory: 2Gi
          nvidia.com/mig-1g.10gb: 1
        limits:
          cpu: "1"
          memory: 2Gi
          nvidia.com/mig-1g.10gb: 1
`;
}

function trainingJob(i: number): string {
  return `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: train-${i}
spec:
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      template:
        spec:
          containers:
            - name: pytorch
              image: ghcr.io/acme/train:2.${i % 10}.1
              command: ["torchrun", "train.py", "--epochs", "${5 + (i % 20)}"]
              resources:
                limits:
                  nvidia.com/gpu: 8
                  memory: 512Gi
    Worker:
      replicas: ${1 + (i % 3)}
      template:
        spec:
          containers:
            - name: pytorch
              image: ghcr.io/acme/train:2.${i % 10}.1
              resources:
                limits:
                  nvidia.com/gpu: 8
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: train-${i}-config
data:
  config.yaml: |
    learning_rate: 0.000${1 + (i % 9)}
    batch_size: ${32 * (1 + (i % 4))}
    features: [age, income, tenure, region, device]
`;
}

const SHAPES = [deployment, inferenceService, trainingJob, deployment];

/** Writes `count` manifest files under `dir`, returns their total size in bytes and lines. */
export function writeManifestCorpus(dir: string, count: number): { bytes: number; lines: number } {
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `team-${i % 50}`);
    if (i < 50) mkdirSync(folder, { recursive: true });
    const shape = SHAPES[i % SHAPES.length] ?? deployment;
    const second = SHAPES[(i + 1) % SHAPES.length] ?? deployment;
    const text =
      `${shape(i)}---\n${second(i + count)}---\n${shape(i + 2 * count)}` +
      (i % 2 === 0 ? `---\n${second(i + 3 * count)}` : '');
    writeFileSync(path.join(folder, `app-${i}.yaml`), text);
    bytes += Buffer.byteLength(text);
    lines += text.split('\n').length - 1;
  }
  return { bytes, lines };
}

/** One multi-document file of about `lines` lines built from the corpus shapes. */
export function manifestDocuments(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const shape = SHAPES[i % SHAPES.length] ?? deployment;
    const text = shape(i);
    parts.push(text);
    count += text.split('\n').length;
  }
  return parts.join('---\n');
}
