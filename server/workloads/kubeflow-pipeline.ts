/**
 * Compiled Kubeflow Pipelines v2 YAML (the pipeline spec `kfp.compiler` writes): each executor
 * of `deploymentSpec.executors` that runs a container is one pipeline step, read as a workload.
 * Its resources are KFP's own fields, read into the container's requests and limits:
 * `accelerator` (`type`/`count`, or `resourceType`/`resourceCount` from newer compilers) is the GPU
 * limit (KFP sets it as a limit), `memoryLimit`/`resourceMemoryLimit` and the request fields are
 * memory and CPU. The document is generated from the pipeline's Python source, so the analyzer offers
 * no fixes in it.
 */
import { isMap } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { Report } from '../engine/types.ts';
import type { LineIndex } from '../engine/line-index.ts';
import {
  asMap,
  asScalar,
  entries,
  getMap,
  getString,
  nodeRange,
  pairOf,
  scalarText,
} from '../yaml/navigate.ts';
import { readContainer } from './container.ts';
import type { Container, ManifestFile, Quantity, Resources, Workload } from './model.ts';
import { stepRole } from './role.ts';

export function isCompiledPipeline(root: YAMLMap, doc: Document.Parsed): boolean {
  const executors = getMap(getMap(root, 'deploymentSpec', doc), 'executors', doc);
  return (
    executors !== undefined &&
    (pairOf(root, 'pipelineInfo', doc) !== undefined || pairOf(root, 'root', doc) !== undefined)
  );
}

/** KFP resource fields, newer names first, and what each is in Kubernetes terms. */
const FIELDS: readonly {
  readonly keys: readonly string[];
  readonly side: 'requests' | 'limits';
  readonly resource: string;
}[] = [
  { keys: ['resourceMemoryLimit', 'memoryLimit'], side: 'limits', resource: 'memory' },
  { keys: ['resourceMemoryRequest', 'memoryRequest'], side: 'requests', resource: 'memory' },
  { keys: ['resourceCpuLimit', 'cpuLimit'], side: 'limits', resource: 'cpu' },
  { keys: ['resourceCpuRequest', 'cpuRequest'], side: 'requests', resource: 'cpu' },
];

function text(pair: Pair | undefined, doc: Document.Parsed): string | undefined {
  return scalarText(asScalar(pair?.value, doc));
}

function kfpResources(container: YAMLMap, doc: Document.Parsed): Resources {
  const pair = pairOf(container, 'resources', doc);
  const map = asMap(pair?.value, doc);
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  for (const { keys, side, resource } of FIELDS) {
    const found = keys.map((k) => pairOf(map, k, doc)).find((p) => p !== undefined);
    const raw = text(found, doc);
    if (found && raw !== undefined)
      (side === 'limits' ? limits : requests).set(resource, { resource, raw, pair: found });
  }
  const acceleratorPair = pairOf(map, 'accelerator', doc);
  const accelerator = asMap(acceleratorPair?.value, doc);
  const type = text(pairOf(accelerator, 'resourceType', doc) ?? pairOf(accelerator, 'type', doc), doc);
  const count = text(pairOf(accelerator, 'resourceCount', doc) ?? pairOf(accelerator, 'count', doc), doc);
  if (acceleratorPair && type && count !== undefined)
    limits.set(type, { resource: type, raw: count, pair: acceleratorPair });
  return { pair, requestsPair: undefined, limitsPair: undefined, requests, limits };
}

/** The executors of a compiled pipeline that run containers, one workload per executor. */
export function readCompiledPipeline(root: YAMLMap, doc: Document.Parsed, lines: LineIndex): Workload[] {
  const pipeline = getString(getMap(root, 'pipelineInfo', doc), 'name', doc) ?? '(pipeline)';
  const workloads: Workload[] = [];
  for (const [executor, pair] of entries(getMap(getMap(root, 'deploymentSpec', doc), 'executors', doc))) {
    const container = getMap(asMap(pair.value, doc), 'container', doc);
    if (!container) continue;
    const workload: Omit<Workload, 'containers'> & { containers: Container[] } = {
      source: 'kubeflow-pipeline',
      apiVersion: getString(root, 'sdkVersion', doc) ?? '',
      kind: 'PipelineSpec',
      name: `${pipeline}/${executor}`,
      namespace: undefined,
      role: 'batch',
      doc,
      root,
      anchor: nodeRange(pair.key, lines),
      nodeSelector: {},
      containers: [],
    };
    const read = readContainer(container, doc, lines, workload, {
      isInit: false,
      defaultName: executor,
      role: 'batch',
    });
    const role = stepRole([read.image?.value ?? '', ...read.command].join(' '), false);
    workload.containers.push({
      ...read,
      role,
      anchor: nodeRange(pair.key, lines),
      resources: kfpResources(container, doc),
    });
    workloads.push(Object.assign(workload, { role }));
  }
  return workloads;
}

/**
 * Reports without their fixes where they fall in a compiled pipeline document: the file is
 * generated from the pipeline's Python source, and edits to it would be overwritten. Other
 * documents of the same file (an Argo workflow beside it) keep theirs.
 */
export function withoutFixesInCompiledPipelines(file: ManifestFile, reports: Report[]): Report[] {
  const spans = file.documents
    .filter((doc) => isMap(doc.contents) && isCompiledPipeline(doc.contents, doc))
    .map((doc) => doc.range);
  if (spans.length === 0) return reports;
  return reports.map((report) => {
    const offset = file.lines.offset(report.range.start);
    const generated =
      (report.uri === undefined || report.uri === file.uri) &&
      spans.some(([start, , end]) => offset >= start && offset < end);
    return generated && (report.fixes?.length ?? 0) > 0 ? { ...report, fixes: [] } : report;
  });
}
