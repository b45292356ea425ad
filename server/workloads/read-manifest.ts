import { isMap } from 'yaml';
import type { ParsedYaml } from '../yaml/parse.ts';
import { isComposeDocument, readComposeServices } from './compose.ts';
import { isHelmValuesFile, readHelmValues } from './helm-values.ts';
import { isArgoWorkflow, readArgoWorkflow } from './argo-workflow.ts';
import { isCompiledPipeline, readCompiledPipeline } from './kubeflow-pipeline.ts';
import { readKubernetesObject } from './kubernetes.ts';
import type { ManifestFile, Workload, WorkloadSource } from './model.ts';

/** Builds the workload model of one parsed YAML file. */
export function readManifest(parsed: ParsedYaml): ManifestFile {
  const workloads: Workload[] = [];
  let source: WorkloadSource | 'other' = 'other';
  const valuesFile = isHelmValuesFile(parsed.uri);
  for (const doc of parsed.documents) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    if (valuesFile) {
      source = 'helm-values';
      workloads.push(...readHelmValues(root, doc, parsed.lines));
    } else if (isComposeDocument(root, doc)) {
      source = 'compose';
      workloads.push(...readComposeServices(root, doc, parsed.lines));
    } else if (isCompiledPipeline(root, doc)) {
      source = 'kubeflow-pipeline';
      workloads.push(...readCompiledPipeline(root, doc, parsed.lines));
    } else if (isArgoWorkflow(root, doc)) {
      source = 'kubernetes';
      workloads.push(...readArgoWorkflow(root, doc, parsed.lines));
    } else {
      const workload = readKubernetesObject(root, doc, parsed.lines);
      if (workload) {
        source = 'kubernetes';
        workloads.push(workload);
      }
    }
  }
  return { uri: parsed.uri, lines: parsed.lines, source, documents: parsed.documents, workloads };
}
