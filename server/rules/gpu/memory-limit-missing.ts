import type { Fix, Report } from '../../engine/types.ts';
import type { ClusterContext } from '../../gpu/cluster-context.ts';
import { parseQuantity } from '../../gpu/quantity.ts';
import { migSlice, targetGpuModel } from '../../gpu/target-gpu.ts';
import { keyRange } from '../../yaml/navigate.ts';
import type { Container, ManifestFile } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import { gpuContainers } from './gpu-quantities.ts';
import { addToLimits, nodeText, placeholderAfter } from './resource-edits.ts';

const FALLBACK_PLACEHOLDER = '32Gi';

/**
 * A starting point for the host memory limit when there is no request to copy: as much as the
 * GPU memory the container gets (weights and pinned buffers pass through host memory), else
 * 32Gi. Always a placeholder the user must confirm.
 */
function placeholder(container: Container, cluster: ClusterContext | undefined): string {
  let gb = 0;
  for (const quantity of container.resources.limits.size > 0
    ? container.resources.limits.values()
    : container.resources.requests.values()) {
    const count = parseQuantity(quantity.raw) ?? 0;
    const slice = migSlice(quantity.resource.replace(/^nvidia\.com\/mig-/, ''));
    if (quantity.resource.startsWith('nvidia.com/mig-') && slice) gb += slice.memoryGb * count;
    else if (quantity.resource === 'nvidia.com/gpu')
      gb += (targetGpuModel(container.workload, cluster)?.memoryGb ?? 0) * count;
  }
  return gb > 0 && Number.isFinite(gb) ? `${Math.ceil(gb)}Gi` : FALLBACK_PLACEHOLDER;
}

function limitFix(file: ManifestFile, container: Container, cluster: ClusterContext | undefined): Fix {
  const request = container.resources.requests.get('memory');
  if (request) {
    const value = nodeText(file, request.pair.value);
    return {
      title: `Add memory: ${value} to limits (the memory request)`,
      changes: [{ uri: file.uri, edits: [addToLimits(file, container, [{ key: 'memory', value }])] }],
      safe: true,
    };
  }
  const value = placeholder(container, cluster);
  const edit = addToLimits(file, container, [{ key: 'memory', value }]);
  const selected = placeholderAfter(file.uri, edit, value);
  return {
    title: `Add a memory limit (placeholder ${value}: set it from the observed peak)`,
    changes: [{ uri: file.uri, edits: [edit] }],
    safe: false,
    // The editor selects the value for the user to type over.
    ...(selected ? { placeholder: selected } : {}),
  };
}

/**
 * GPU containers stage weights, datasets and pinned buffers in host memory. Without a memory
 * limit one spike can exhaust an expensive GPU node and get its neighbours OOM-killed.
 */
export const gpuMemoryLimitMissing: ManifestRule = {
  meta: {
    id: 'gpu/memory-limit-missing',
    defaultSeverity: 'warning',
    title: 'GPU container without a host memory limit',
  },
  target: 'manifest',
  check(file, context) {
    const reports: Report[] = [];
    for (const container of gpuContainers(file)) {
      if (container.workload.source === 'compose' || container.resources.limits.has('memory')) continue;
      const { limitsPair, pair } = container.resources;
      const at = limitsPair ?? pair;
      reports.push({
        range: at ? keyRange(at, file.lines) : container.anchor,
        message: `GPU container "${container.name}" has no memory limit; loading weights or pinning buffers in host memory can exhaust the GPU node and get other pods OOM-killed instead of this one.`,
        fixes: [limitFix(file, container, context.cluster)],
      });
    }
    return reports;
  },
};
