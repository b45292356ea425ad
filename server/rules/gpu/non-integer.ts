import type { Fix, Report } from '../../engine/types.ts';
import type { ClusterContext } from '../../gpu/cluster-context.ts';
import { isWholeQuantity, parseQuantity } from '../../gpu/quantity.ts';
import {
  availableSlices,
  bySize,
  pinnedToNonMigGpu,
  targetGpuModel,
  wholeGpuIsSlice,
} from '../../gpu/target-gpu.ts';
import { nodeRange } from '../../yaml/navigate.ts';
import type { Container, ManifestFile, Quantity } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import { gpuQuantities } from './gpu-quantities.ts';
import { switchResourceEdits } from './resource-edits.ts';

const WHOLE_GPU = 'nvidia.com/gpu';
const SHARED_GPU = 'nvidia.com/gpu.shared';

function fix(
  file: ManifestFile,
  container: Container,
  quantity: Quantity,
  to: { resource: string; value: string; title: string; safe: boolean },
): Fix {
  return {
    title: to.title,
    changes: [
      {
        uri: file.uri,
        edits: switchResourceEdits(file, container, quantity.resource, to.resource, to.value),
      },
    ],
    safe: to.safe,
  };
}

/** The fixes for a fraction of a whole GPU (`nvidia.com/gpu: 0.5`), best first. */
function fractionOfGpuFixes(
  file: ManifestFile,
  container: Container,
  quantity: Quantity,
  value: number,
  cluster: ClusterContext | undefined,
): Fix[] {
  const on = (to: Parameters<typeof fix>[3]): Fix => fix(file, container, quantity, to);
  if (wholeGpuIsSlice(container.workload, cluster))
    return [
      on({
        resource: WHOLE_GPU,
        value: '1',
        title: `Request 1 ${WHOLE_GPU}: on this cluster it is already a slice of a GPU`,
        safe: true,
      }),
    ];
  const renamed = cluster?.timeSlicing?.renamed === true;
  const clusterHasMig =
    cluster !== undefined &&
    cluster.migStrategy !== 'none' &&
    !pinnedToNonMigGpu(container.workload) &&
    (cluster.migStrategy === 'mixed' || (cluster.migProfiles?.length ?? 0) > 0);
  let migFix: Fix | undefined;
  const model = targetGpuModel(container.workload, cluster);
  const noMig = cluster?.migStrategy === 'none' || pinnedToNonMigGpu(container.workload);
  const slices = noMig ? undefined : availableSlices(model, cluster)?.filter((s) => !s.media);
  if (slices && slices.length > 0) {
    // The fraction says how much of the device the workload wants: keep at least that memory.
    const deviceGb = model?.memoryGb ?? Math.max(...slices.map((s) => s.memoryGb));
    const sorted = [...slices].sort(bySize);
    const slice = sorted.find((s) => s.memoryGb >= value * deviceGb) ?? sorted.at(-1);
    if (slice)
      migFix = on({
        resource: `nvidia.com/mig-${slice.profile}`,
        value: '1',
        title: `Use a MIG slice: nvidia.com/mig-${slice.profile}: 1 (at least ${value} of ${model ? `the ${model.id}` : 'the GPU'})`,
        safe: clusterHasMig,
      });
  }
  const sharedFix = on({
    resource: SHARED_GPU,
    value: '1',
    title: renamed
      ? `Use a time-sliced GPU: ${SHARED_GPU}: 1`
      : `Use a time-sliced GPU: ${SHARED_GPU}: 1 (needs time-slicing with renameByDefault on the nodes)`,
    safe: renamed && !clusterHasMig,
  });
  // What the cluster is known to offer comes first.
  const fixes = (renamed && !clusterHasMig ? [sharedFix, migFix] : [migFix, sharedFix]).filter(
    (f): f is Fix => f !== undefined,
  );
  fixes.push(on({ resource: WHOLE_GPU, value: '1', title: `Request 1 whole ${WHOLE_GPU}`, safe: false }));
  return fixes;
}

/**
 * GPUs are integer extended resources: the API server rejects `0.5`, `500m` or `1.5` GPUs. A
 * share of a GPU is a MIG slice (`nvidia.com/mig-<profile>`) or a time-sliced GPU.
 */
export const gpuNonInteger: ManifestRule = {
  meta: {
    id: 'gpu/non-integer',
    defaultSeverity: 'error',
    title: 'Fractional GPU quantity',
  },
  target: 'manifest',
  check(file, context) {
    const reports: Report[] = [];
    for (const { container, quantity } of gpuQuantities(file)) {
      const value = parseQuantity(quantity.raw);
      if (value === undefined || value < 0 || isWholeQuantity(value)) continue;
      let fixes: Fix[];
      if (quantity.resource === WHOLE_GPU && value < 1)
        fixes = fractionOfGpuFixes(file, container, quantity, value, context.cluster);
      else {
        const whole = String(Math.ceil(value));
        fixes = [
          fix(file, container, quantity, {
            resource: quantity.resource,
            value: whole,
            title: `Request ${whole} ${quantity.resource}`,
            // Below one the only valid choice is one unit; above it, rounding up costs devices.
            safe: value < 1,
          }),
        ];
      }
      reports.push({
        range: nodeRange(quantity.pair.value, file.lines),
        message:
          `${quantity.resource}: ${quantity.raw} is not a whole number; GPU resources are counted in whole devices or slices, so the API server rejects this pod.` +
          (quantity.resource === WHOLE_GPU && value < 1
            ? ' A share of a GPU is a MIG slice (nvidia.com/mig-<profile>) or a time-sliced GPU.'
            : ''),
        fixes,
      });
    }
    return reports;
  },
};
