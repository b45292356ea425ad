import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import {
  asMap,
  asScalar,
  deref,
  entries,
  scalarText,
  get,
  getMap,
  getSeq,
  nodeRange,
  pairOf,
} from '../yaml/navigate.ts';
import type { Container, Quantity, Resources, Workload, WorkloadRole } from './model.ts';
import { classifyRole } from './role.ts';

/**
 * The quantities of a `requests`/`limits` map. Merge keys (`<<: *base`, `<<: [*a, *b]`) are
 * followed: the map's own keys win, then the merged maps in order, as YAML merge semantics say.
 */
function quantities(map: YAMLMap | undefined, doc: Document.Parsed, depth = 0): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const merged: Array<Map<string, Quantity>> = [];
  for (const [resource, pair] of entries(map)) {
    if (resource === '<<') {
      if (depth > 8) continue;
      const source = deref(pair.value, doc);
      for (const item of isSeq(source) ? source.items : [source])
        merged.push(quantities(asMap(item, doc), doc, depth + 1));
      continue;
    }
    const scalar = asScalar(pair.value, doc);
    const raw = scalarText(scalar) === undefined ? '' : (scalar?.source ?? scalarText(scalar) ?? '');
    out.set(resource, { resource, raw, pair });
  }
  for (const source of merged)
    for (const [resource, quantity] of source) if (!out.has(resource)) out.set(resource, quantity);
  return out;
}

export function readResources(resourcesPair: Pair | undefined, doc: Document.Parsed): Resources {
  const map = asMap(resourcesPair?.value, doc);
  const requestsPair = pairOf(map, 'requests', doc);
  const limitsPair = pairOf(map, 'limits', doc);
  return {
    pair: resourcesPair,
    requestsPair,
    limitsPair,
    requests: quantities(asMap(requestsPair?.value, doc), doc),
    limits: quantities(asMap(limitsPair?.value, doc), doc),
  };
}

function strings(node: unknown, doc: Document.Parsed): string[] {
  const seq = getSeqLike(node, doc);
  if (seq) return seq;
  const text = scalarText(asScalar(node, doc));
  return text === undefined ? [] : [text];
}

function getSeqLike(node: unknown, doc: Document.Parsed): string[] | undefined {
  const resolved = node as { items?: unknown[] } | undefined;
  if (!resolved || !Array.isArray(resolved.items)) return undefined;
  return resolved.items
    .map((item) => scalarText(asScalar(item, doc)))
    .filter((s): s is string => s !== undefined);
}

export function readPorts(map: YAMLMap, doc: Document.Parsed): number[] {
  const ports: number[] = [];
  for (const item of getSeq(map, 'ports', doc)?.items ?? []) {
    const port = Number(asScalar(get(asMap(item, doc), 'containerPort', doc), doc)?.value);
    if (Number.isInteger(port)) ports.push(port);
  }
  return ports;
}

/** Reads one container map (Kubernetes container spec, or a KServe predictor model spec). */
export function readContainer(
  map: YAMLMap,
  doc: Document.Parsed,
  lines: LineIndex,
  workload: Workload,
  options: { isInit: boolean; defaultName: string; role?: WorkloadRole },
): Container {
  const namePair = pairOf(map, 'name', doc);
  const name = asScalar(namePair?.value, doc)?.value;
  const imageNode = asScalar(pairOf(map, 'image', doc)?.value, doc);
  const image =
    imageNode && typeof imageNode.value === 'string'
      ? { value: imageNode.value, node: imageNode }
      : undefined;
  const command = [...strings(get(map, 'command', doc), doc), ...strings(get(map, 'args', doc), doc)];
  const firstKey = map.items.find(isPair)?.key;
  const anchor = namePair ? nodeRange(namePair.value, lines) : nodeRange(firstKey ?? map, lines);
  const policyPair = pairOf(map, 'terminationMessagePolicy', doc);
  const policy = asScalar(policyPair?.value, doc);
  return {
    name: typeof name === 'string' && name !== '' ? name : options.defaultName,
    workload,
    role: options.role ?? classifyRole(workload.kind, image?.value ?? '', command.join(' ')),
    map,
    anchor,
    image,
    command,
    resources: readResources(pairOf(map, 'resources', doc), doc),
    readinessProbe: pairOf(map, 'readinessProbe', doc),
    startupProbe: pairOf(map, 'startupProbe', doc),
    livenessProbe: pairOf(map, 'livenessProbe', doc),
    ports: readPorts(map, doc),
    terminationMessagePolicy:
      policyPair && policy && isScalar(policy)
        ? { value: String(policy.value), pair: policyPair }
        : undefined,
    isInit: options.isInit,
    composeDevices: [],
  };
}

/** Containers and init containers of a pod spec. */
export function readPodSpec(
  podSpec: YAMLMap | undefined,
  doc: Document.Parsed,
  lines: LineIndex,
  workload: Workload,
  role?: WorkloadRole,
): Container[] {
  if (!podSpec) return [];
  const out: Container[] = [];
  for (const [key, isInit] of [
    ['containers', false],
    ['initContainers', true],
  ] as const) {
    getSeq(podSpec, key, doc)?.items.forEach((item, i) => {
      const map = asMap(item, doc);
      if (map && isMap(map))
        out.push(
          readContainer(map, doc, lines, workload, {
            isInit,
            defaultName: `${key}[${i}]`,
            ...(role ? { role } : {}),
          }),
        );
    });
  }
  return out;
}

export function podTemplateSpec(map: YAMLMap | undefined, doc: Document.Parsed): YAMLMap | undefined {
  return getMap(getMap(map, 'template', doc), 'spec', doc);
}
