/**
 * Argo Workflows (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow; also what
 * Kubeflow Pipelines v1 compiles to): each template that runs containers is one pipeline step,
 * read as a workload of its own with the role of the work it does.
 */
import type { Document, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import {
  asMap,
  asScalar,
  entries,
  getMap,
  getSeq,
  getString,
  nodeRange,
  pairOf,
  scalarText,
} from '../yaml/navigate.ts';
import { readContainer } from './container.ts';
import type { Container, Workload, WorkloadRole } from './model.ts';
import { stepRole } from './role.ts';

const ARGO_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

export function isArgoWorkflow(root: YAMLMap, doc: Document.Parsed): boolean {
  const apiVersion = getString(root, 'apiVersion', doc) ?? '';
  return apiVersion.startsWith('argoproj.io/') && ARGO_KINDS.has(getString(root, 'kind', doc) ?? '');
}

type MutableWorkload = Omit<Workload, 'containers'> & { containers: Container[] };

function selectorOf(map: YAMLMap | undefined, doc: Document.Parsed): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, pair] of entries(getMap(map, 'nodeSelector', doc))) {
    const value = scalarText(asScalar(pair.value, doc));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The role of a step: a model server in a daemoned step (kept running for the steps after it)
 * serves; one that runs to completion is batch inference. Otherwise training when its image,
 * command or script says so, and batch for the rest of the pipeline's work.
 */
function argoStepRole(template: YAMLMap, doc: Document.Parsed, text: string): WorkloadRole {
  const daemon = scalarText(asScalar(pairOf(template, 'daemon', doc)?.value, doc)) === 'true';
  const role = stepRole(text, daemon);
  // A daemoned step that serves no model (a cache, a tracking server) runs as long as the workflow.
  return daemon && (role === 'training' || role === 'batch') ? 'dev' : role;
}

/** The steps of an Argo workflow object that run containers, one workload per template. */
export function readArgoWorkflow(root: YAMLMap, doc: Document.Parsed, lines: LineIndex): Workload[] {
  const kind = getString(root, 'kind', doc) ?? '';
  const metadata = getMap(root, 'metadata', doc);
  const objectName =
    getString(metadata, 'name', doc) ?? getString(metadata, 'generateName', doc) ?? '(unnamed)';
  const spec = getMap(root, 'spec', doc);
  const workflowSpec = kind === 'CronWorkflow' ? getMap(spec, 'workflowSpec', doc) : spec;
  const shared = selectorOf(workflowSpec, doc);
  const workloads: Workload[] = [];
  getSeq(workflowSpec, 'templates', doc)?.items.forEach((item, index) => {
    const template = asMap(item, doc);
    if (!template) return;
    const templateName = getString(template, 'name', doc) ?? `templates[${index}]`;
    const namePair = pairOf(template, 'name', doc);
    const workload: MutableWorkload = {
      source: 'kubernetes',
      apiVersion: getString(root, 'apiVersion', doc) ?? '',
      kind,
      name: `${objectName}/${templateName}`,
      namespace: getString(metadata, 'namespace', doc),
      role: 'batch',
      doc,
      root,
      anchor: nodeRange(namePair?.value ?? template, lines),
      nodeSelector: { ...shared, ...selectorOf(template, doc) },
      containers: [],
    };
    const main: { map: YAMLMap; name: string; source: string }[] = [];
    for (const key of ['container', 'script'] as const) {
      const map = getMap(template, key, doc);
      if (map)
        main.push({
          map,
          name: templateName,
          source: key === 'script' ? (getString(map, 'source', doc) ?? '') : '',
        });
    }
    getSeq(getMap(template, 'containerSet', doc), 'containers', doc)?.items.forEach((c, i) => {
      const map = asMap(c, doc);
      if (map) main.push({ map, name: `${templateName}.containerSet[${i}]`, source: '' });
    });
    if (main.length === 0) return;
    const texts = main.map(({ map, source }) => stepText(map, doc, source));
    const role = argoStepRole(template, doc, texts.join(' '));
    for (const { map, name } of main)
      workload.containers.push(
        readContainer(map, doc, lines, workload, { isInit: false, defaultName: name, role }),
      );
    for (const [key, isInit] of [
      ['initContainers', true],
      ['sidecars', false],
    ] as const) {
      getSeq(template, key, doc)?.items.forEach((c, i) => {
        const map = asMap(c, doc);
        if (!map) return;
        const sidecarRole = stepRole(stepText(map, doc, ''), false);
        workload.containers.push(
          readContainer(map, doc, lines, workload, {
            isInit,
            defaultName: `${templateName}.${key}[${i}]`,
            role: isInit ? role : sidecarRole,
          }),
        );
      });
    }
    workloads.push(Object.assign(workload, { role }));
  });
  return workloads;
}

/** Image, command, args and the script's source: what the step runs. */
function stepText(map: YAMLMap, doc: Document.Parsed, source: string): string {
  const parts = [getString(map, 'image', doc) ?? ''];
  for (const key of ['command', 'args']) {
    for (const item of getSeq(map, key, doc)?.items ?? []) parts.push(scalarText(asScalar(item, doc)) ?? '');
  }
  parts.push(source.slice(0, 20_000));
  return parts.join(' ');
}
