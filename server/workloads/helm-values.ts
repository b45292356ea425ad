import { isPair, isScalar } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import { asMap, asScalar, entries, getMap, getString, nodeRange, scalarText } from '../yaml/navigate.ts';
import { readResources } from './container.ts';
import type { Container, Workload } from './model.ts';
import { classifyRole } from './role.ts';

export function isHelmValuesFile(uri: string): boolean {
  return /(^|\/)values(-[^/]*)?\.ya?ml$/.test(uri);
}

/** `image: {repository, tag}` or `image: repo:tag` beside a `resources:` block. */
function imageOf(map: YAMLMap, doc: Document.Parsed): string {
  const image = getMap(map, 'image', doc);
  if (image) {
    const repo = getString(image, 'repository', doc) ?? '';
    const tag = getString(image, 'tag', doc);
    return tag ? `${repo}:${tag}` : repo;
  }
  return getString(map, 'image', doc) ?? '';
}

/**
 * Every `resources:` block in a chart's values becomes a pseudo-container named by its path
 * (`predictor.resources`), so the GPU rules apply before the chart is rendered.
 */
export function readHelmValues(root: YAMLMap, doc: Document.Parsed, lines: LineIndex): Workload[] {
  const out: Workload[] = [];
  const rootSelector = nodeSelectorOf(root, doc) ?? {};
  const walk = (map: YAMLMap, path: string[], depth: number): void => {
    if (depth > 12) return;
    for (const [key, pair] of entries(map)) {
      const child = asMap(pair.value, doc);
      if (!child) continue;
      if (key === 'resources' && (getMap(child, 'requests', doc) || getMap(child, 'limits', doc))) {
        out.push(valuesWorkload(map, pair, path, doc, lines, nodeSelectorOf(map, doc) ?? rootSelector));
      } else {
        walk(child, [...path, key], depth + 1);
      }
    }
  };
  walk(root, [], 0);
  return out;
}

/** A `nodeSelector:` map beside the resources (or at the top of the values), as strings. */
function nodeSelectorOf(map: YAMLMap, doc: Document.Parsed): Record<string, string> | undefined {
  const selector = getMap(map, 'nodeSelector', doc);
  if (!selector) return undefined;
  const out: Record<string, string> = {};
  for (const [key, pair] of entries(selector)) {
    const value = scalarText(asScalar(pair.value, doc));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function valuesWorkload(
  owner: YAMLMap,
  resourcesPair: Pair,
  path: string[],
  doc: Document.Parsed,
  lines: LineIndex,
  nodeSelector: Record<string, string>,
): Workload {
  const name = path.length > 0 ? path.join('.') : '(root)';
  const image = imageOf(owner, doc);
  const role = classifyRole('Deployment', image, name);
  const workload: Omit<Workload, 'containers'> & { containers: Container[] } = {
    source: 'helm-values',
    apiVersion: '',
    kind: 'HelmValues',
    name,
    namespace: undefined,
    role,
    doc,
    root: owner,
    anchor: nodeRange(resourcesPair.key, lines),
    nodeSelector,
    containers: [],
  };
  const imageNode = owner.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'image');
  workload.containers.push({
    name,
    workload,
    role,
    map: owner,
    anchor: nodeRange(resourcesPair.key, lines),
    image:
      imageNode && isPair(imageNode) && isScalar(imageNode.value) && typeof imageNode.value.value === 'string'
        ? { value: imageNode.value.value, node: imageNode.value }
        : undefined,
    command: [],
    resources: readResources(resourcesPair, doc),
    readinessProbe: undefined,
    startupProbe: undefined,
    livenessProbe: undefined,
    ports: [],
    terminationMessagePolicy: undefined,
    isInit: false,
    composeDevices: [],
  });
  return workload;
}
