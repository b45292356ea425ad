import type { Document, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import {
  asMap,
  asScalar,
  entries,
  getMap,
  scalarText,
  getSeq,
  getString,
  nodeRange,
  pairOf,
} from '../yaml/navigate.ts';
import { podTemplateSpec, readContainer, readPodSpec } from './container.ts';
import type { Container, Workload, WorkloadRole } from './model.ts';
import { classifyRole } from './role.ts';

type MutableWorkload = Omit<Workload, 'containers'> & { containers: Container[] };

/** Pod specs of a workload kind, with the role each carries when the kind decides it. */
function podSpecs(kind: string, spec: YAMLMap | undefined, doc: Document.Parsed): YAMLMap[] {
  const out: YAMLMap[] = [];
  const push = (map: YAMLMap | undefined): void => {
    if (map) out.push(map);
  };
  const replicaSpecs = (key: string): void => {
    for (const [, pair] of entries(getMap(spec, key, doc)))
      push(podTemplateSpec(asMap(pair.value, doc), doc));
  };
  const rayCluster = (cluster: YAMLMap | undefined): void => {
    push(podTemplateSpec(getMap(cluster, 'headGroupSpec', doc), doc));
    for (const group of getSeq(cluster, 'workerGroupSpecs', doc)?.items ?? []) {
      push(podTemplateSpec(asMap(group, doc), doc));
    }
  };
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
    case 'Notebook':
      push(podTemplateSpec(spec, doc));
      break;
    case 'CronJob':
      push(podTemplateSpec(getMap(getMap(spec, 'jobTemplate', doc), 'spec', doc), doc));
      break;
    case 'PyTorchJob':
      replicaSpecs('pytorchReplicaSpecs');
      break;
    case 'TFJob':
      replicaSpecs('tfReplicaSpecs');
      break;
    case 'MPIJob':
      replicaSpecs('mpiReplicaSpecs');
      break;
    case 'XGBoostJob':
      replicaSpecs('xgbReplicaSpecs');
      break;
    case 'RayCluster':
      rayCluster(spec);
      break;
    case 'RayService':
      rayCluster(getMap(spec, 'rayClusterConfig', doc));
      break;
    case 'RayJob':
      rayCluster(getMap(spec, 'rayClusterSpec', doc));
      break;
    case 'ServingRuntime':
    case 'ClusterServingRuntime':
      // The runtime spec is itself a pod spec fragment (containers, nodeSelector...).
      push(spec);
      break;
  }
  return out;
}

/** KServe v1beta1 framework keys that hold a container-like model spec. */
const KSERVE_FRAMEWORKS = [
  'model',
  'sklearn',
  'xgboost',
  'lightgbm',
  'pytorch',
  'tensorflow',
  'triton',
  'onnx',
  'huggingface',
  'pmml',
  'paddle',
];

function inferenceServiceContainers(
  spec: YAMLMap | undefined,
  doc: Document.Parsed,
  lines: LineIndex,
  workload: Workload,
): Container[] {
  const out: Container[] = [];
  for (const component of ['predictor', 'transformer', 'explainer']) {
    const componentMap = getMap(spec, component, doc);
    if (!componentMap) continue;
    const role: WorkloadRole = 'serving';
    out.push(...readPodSpec(componentMap, doc, lines, workload, role));
    for (const framework of KSERVE_FRAMEWORKS) {
      const model = getMap(componentMap, framework, doc);
      if (model)
        out.push({
          ...readContainer(model, doc, lines, workload, {
            isInit: false,
            defaultName: `${component}.${framework}`,
            role,
          }),
          isKServeModelSpec: true,
        });
    }
  }
  return out;
}

function nodeSelector(specs: readonly YAMLMap[], doc: Document.Parsed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    for (const [key, pair] of entries(getMap(spec, 'nodeSelector', doc))) {
      const value = scalarText(asScalar(pair.value, doc));
      if (value !== undefined) out[key] = value;
    }
  }
  return out;
}

/** The workload a Kubernetes object declares, or undefined for objects without containers. */
export function readKubernetesObject(
  root: YAMLMap,
  doc: Document.Parsed,
  lines: LineIndex,
): Workload | undefined {
  const kind = getString(root, 'kind', doc);
  const apiVersion = getString(root, 'apiVersion', doc) ?? '';
  if (!kind) return undefined;
  const metadata = getMap(root, 'metadata', doc);
  const spec = getMap(root, 'spec', doc);
  const kindPair = pairOf(root, 'kind', doc);
  const workload: MutableWorkload = {
    source: 'kubernetes',
    apiVersion,
    kind,
    name: getString(metadata, 'name', doc) ?? getString(metadata, 'generateName', doc) ?? '(unnamed)',
    namespace: getString(metadata, 'namespace', doc),
    role: classifyRole(kind, '', ''),
    doc,
    root,
    anchor: nodeRange(kindPair?.value ?? root, lines),
    nodeSelector: {},
    containers: [],
  };
  let specs: YAMLMap[];
  if (kind === 'Pod') specs = spec ? [spec] : [];
  else specs = podSpecs(kind, spec, doc);
  for (const podSpec of specs) workload.containers.push(...readPodSpec(podSpec, doc, lines, workload));
  if (kind === 'InferenceService') {
    workload.containers.push(...inferenceServiceContainers(spec, doc, lines, workload));
    specs = [getMap(spec, 'predictor', doc)].filter((m): m is YAMLMap => m !== undefined);
  }
  if (workload.containers.length === 0) return undefined;
  const roles = new Set(workload.containers.filter((c) => !c.isInit).map((c) => c.role));
  const role: WorkloadRole = roles.has('serving')
    ? 'serving'
    : (workload.containers.find((c) => !c.isInit)?.role ?? workload.role);
  return Object.assign(workload, { role, nodeSelector: nodeSelector(specs, doc) });
}
