import type { Document, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import { asMap, asScalar, entries, getMap, getSeq, nodeRange, pairOf, scalarText } from '../yaml/navigate.ts';
import { readContainer } from './container.ts';
import type { ComposeDevice, Container, Workload } from './model.ts';

/** A compose file: a top-level `services` map whose entries have an image or a build. */
export function isComposeDocument(root: YAMLMap, doc: Document.Parsed): boolean {
  const services = getMap(root, 'services', doc);
  if (!services || pairOf(root, 'kind', doc)) return false;
  return entries(services).some(([, pair]) => {
    const service = asMap(pair.value, doc);
    return pairOf(service, 'image', doc) !== undefined || pairOf(service, 'build', doc) !== undefined;
  });
}

function devices(service: YAMLMap, doc: Document.Parsed): ComposeDevice[] {
  const reservations = getMap(getMap(getMap(service, 'deploy', doc), 'resources', doc), 'reservations', doc);
  const out: ComposeDevice[] = [];
  for (const item of getSeq(reservations, 'devices', doc)?.items ?? []) {
    const map = asMap(item, doc);
    if (!map) continue;
    const countPair = pairOf(map, 'count', doc);
    const count = scalarText(asScalar(countPair?.value, doc));
    const capabilities = (getSeq(map, 'capabilities', doc)?.items ?? []).map((c) =>
      scalarText(asScalar(c, doc)),
    );
    const driver = scalarText(asScalar(pairOf(map, 'driver', doc)?.value, doc));
    out.push({
      map,
      countPair,
      count,
      hasDeviceIds: pairOf(map, 'device_ids', doc) !== undefined,
      isGpu: capabilities.includes('gpu') || driver === 'nvidia',
    });
  }
  return out;
}

export function readComposeServices(root: YAMLMap, doc: Document.Parsed, lines: LineIndex): Workload[] {
  const out: Workload[] = [];
  for (const [name, pair] of entries(getMap(root, 'services', doc))) {
    const service = asMap(pair.value, doc);
    if (!service) continue;
    const workload: Omit<Workload, 'containers'> & { containers: Container[] } = {
      source: 'compose',
      apiVersion: '',
      kind: 'ComposeService',
      name,
      namespace: undefined,
      role: 'dev',
      doc,
      root: service,
      anchor: nodeRange(pair.key, lines),
      nodeSelector: {},
      containers: [],
    };
    const container = readContainer(service, doc, lines, workload, { isInit: false, defaultName: name });
    const withDevices: Container = {
      ...container,
      name,
      anchor: nodeRange(pair.key, lines),
      composeDevices: devices(service, doc),
    };
    workload.containers.push(withDevices);
    out.push(Object.assign(workload, { role: withDevices.role }));
  }
  return out;
}
