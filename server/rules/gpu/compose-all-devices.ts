import type { Fix, Range, Report, TextEdit } from '../../engine/types.ts';
import { insertIntoMap, replaceNode } from '../../yaml/edit.ts';
import { keyRange, nodeRange } from '../../yaml/navigate.ts';
import type { ComposeDevice, Container, ManifestFile } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import type { Node } from 'yaml';

/** Model parallelism flags that say how many GPUs the server shards the model over. */
const PARALLELISM_FLAG = /(?:^|\s)(--tensor-parallel-size|--tp-size|--tp|-tp|--num-shard)(?:=|\s+)(\d+)\b/;

/** How many GPUs the server's command asks for (tensor parallelism), else 1. */
function gpusNeeded(container: Container): { count: number; reason: string | undefined } {
  const match = PARALLELISM_FLAG.exec(container.command.join(' '));
  const count = Number(match?.[2]);
  if (match && Number.isInteger(count) && count > 0) return { count, reason: `${match[1]} ${count}` };
  return { count: 1, reason: undefined };
}

function countFix(file: ManifestFile, device: ComposeDevice, count: number, reason: string | undefined): Fix {
  const edit: TextEdit = device.countPair
    ? replaceNode(device.countPair.value as Node, String(count), file.lines)
    : insertIntoMap(device.map, [{ key: 'count', value: String(count) }], file.lines);
  const because = reason ? ` (${reason})` : '';
  return {
    title: `Reserve ${count} GPU${count === 1 ? '' : 's'}: count: ${count}${because}`,
    changes: [{ uri: file.uri, edits: [edit] }],
    safe: true,
  };
}

function deviceIdsFix(file: ManifestFile, device: ComposeDevice, count: number): Fix {
  const ids = Array.from({ length: count }, (_, i) => `"${i}"`).join(', ');
  const entry = `device_ids: [${ids}]`;
  let edit: TextEdit;
  if (device.countPair) {
    // `count` and `device_ids` are mutually exclusive: replace the whole `count: all` entry.
    const key = device.countPair.key as Node;
    const value = device.countPair.value as Node;
    const start = key.range?.[0] ?? 0;
    const end = value.range?.[1] ?? key.range?.[1] ?? start;
    edit = { range: file.lines.range(start, end), newText: entry };
  } else {
    edit = insertIntoMap(device.map, [{ key: 'device_ids', value: `[${ids}]` }], file.lines);
  }
  return {
    title: `Pin specific GPUs: ${entry}`,
    changes: [{ uri: file.uri, edits: [edit] }],
    // Which GPU ids are free on the host is not known here.
    safe: false,
  };
}

/** The whole-host reservation of a GPU device entry, and where to report it; undefined if none. */
function allDevices(file: ManifestFile, device: ComposeDevice): { range: Range; how: string } | undefined {
  if (!device.isGpu || device.hasDeviceIds) return undefined;
  if (device.countPair === undefined) {
    const first = device.map.items[0];
    const range = first ? keyRange(first, file.lines) : nodeRange(device.map, file.lines);
    return { range, how: 'sets neither count nor device_ids, so it reserves' };
  }
  // `count: ${GPU_COUNT:-1}` is decided at `docker compose up` time.
  if (device.count?.toLowerCase() !== 'all') return undefined;
  return { range: nodeRange(device.countPair.value, file.lines), how: 'has count: all, which reserves' };
}

/**
 * A compose service that serves a model and reserves every GPU of the host keeps all other
 * services (and a second replica) off the machine, though one model server rarely needs them all.
 */
export const gpuComposeAllDevices: ManifestRule = {
  meta: {
    id: 'gpu/compose-all-devices',
    defaultSeverity: 'warning',
    title: 'Compose serving service reserves every GPU of the host',
  },
  target: 'manifest',
  check(file) {
    const reports: Report[] = [];
    // A device entry shared through a YAML anchor is one entry to fix, not several.
    const seen = new Set<unknown>();
    for (const workload of file.workloads) {
      if (workload.source !== 'compose') continue;
      for (const container of workload.containers) {
        if (container.role !== 'serving') continue;
        for (const device of container.composeDevices) {
          const found = allDevices(file, device);
          if (!found || seen.has(device.map)) continue;
          seen.add(device.map);
          const { count, reason } = gpusNeeded(container);
          reports.push({
            range: found.range,
            message: `Serving service "${container.name}" ${found.how} every GPU on the host; reserve the ${count === 1 ? 'one GPU' : `${count} GPUs`} it needs.`,
            fixes: [countFix(file, device, count, reason), deviceIdsFix(file, device, count)],
          });
        }
      }
    }
    return reports;
  },
};
