import type { WorkloadRole } from './model.ts';

/** Images and commands of model servers: a container running one of these is serving. */
const MODEL_SERVER =
  /(triton|tritonserver|vllm|text-(generation|embeddings)-inference|text-generation-launcher|\btgi\b|torchserve|kserve|bentoml|\buvicorn\b|gunicorn|serve run|mlserver|seldon|tensorflow[/_-]serving|tf-serving|ollama|sglang|lmdeploy|huggingface-pytorch-inference|ray-ml.*serve)/i;
const NOTEBOOK = /(jupyter|notebook|jupyterlab|code-server|rstudio)/i;
const TRAINING =
  /(\btrain(ing|er)?\b|train\.py|finetune|fine-tune|torchrun|accelerate launch|deepspeed|horovod)/i;

const KIND_ROLES: Readonly<Record<string, WorkloadRole>> = {
  InferenceService: 'serving',
  ServingRuntime: 'serving',
  ClusterServingRuntime: 'serving',
  RayService: 'serving',
  InferenceGraph: 'serving',
  Notebook: 'notebook',
  PyTorchJob: 'training',
  TFJob: 'training',
  MPIJob: 'training',
  XGBoostJob: 'training',
  PaddleJob: 'training',
  RayJob: 'training',
  TrainJob: 'training',
  DaemonSet: 'system',
};

export function isModelServer(imageAndCommand: string): boolean {
  return MODEL_SERVER.test(imageAndCommand);
}

/**
 * The role of a container. The kind decides when it is unambiguous; otherwise the image and
 * command do, and long-running kinds (Deployment, StatefulSet, Pod, RayCluster) default to dev.
 */
export function classifyRole(kind: string, image: string, command: string): WorkloadRole {
  const byKind = KIND_ROLES[kind];
  if (byKind) return byKind;
  const text = `${image} ${command}`;
  if (isModelServer(text)) return 'serving';
  if (NOTEBOOK.test(text)) return 'notebook';
  if (kind === 'Job' || kind === 'CronJob') return TRAINING.test(text) ? 'training' : 'batch';
  if (TRAINING.test(text)) return 'training';
  return 'dev';
}

/**
 * The role of a pipeline step (Argo template, Kubeflow Pipelines executor) from what it runs:
 * a model server kept running serves, one that runs to completion is batch inference; then
 * notebooks, training, and batch for the rest.
 */
export function stepRole(text: string, keptRunning: boolean): WorkloadRole {
  if (isModelServer(text)) return keptRunning ? 'serving' : 'batch';
  if (NOTEBOOK.test(text)) return 'notebook';
  return TRAINING.test(text) ? 'training' : 'batch';
}
