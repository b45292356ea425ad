import type { Fix, Report, Severity } from '../../engine/types.ts';
import type { ClusterContext } from '../../gpu/cluster-context.ts';
import { usableProfileMemory, type GpuModel } from '../../gpu/mig-catalog.ts';
import { isWholeQuantity, parseQuantity } from '../../gpu/quantity.ts';
import {
  availableSlices,
  bySize,
  pinnedToNonMigGpu,
  targetGpuModel,
  wholeGpuIsSlice,
} from '../../gpu/target-gpu.ts';
import type { MigSlice } from '../../gpu/target-gpu.ts';
import { keyRange } from '../../yaml/navigate.ts';
import type { Container, ManifestFile, Quantity, WorkloadRole } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import { gpuContainers } from './gpu-quantities.ts';
import { switchResourceEdits } from './resource-edits.ts';

const WHOLE_GPU = 'nvidia.com/gpu';
const SHARED_GPU = 'nvidia.com/gpu.shared';
/** Headroom over the observed peak when picking a slice by memory. */
const HEADROOM = 1.2;
/** Batch and training kinds: a whole GPU for a bounded run is the point. */
const RUN_TO_COMPLETION_KINDS = new Set([
  'Job',
  'CronJob',
  'PyTorchJob',
  'TFJob',
  'MPIJob',
  'XGBoostJob',
  'PaddleJob',
  'RayJob',
  'TrainJob',
]);
const REPORTED_ROLES: ReadonlySet<WorkloadRole> = new Set(['serving', 'notebook', 'dev']);
const ROLE_LABEL: Readonly<Record<string, string>> = {
  serving: 'Serving',
  notebook: 'Notebook',
  dev: 'Long-running',
};

function gib(mib: number): string {
  return `${(mib / 1024).toFixed(1)} GiB`;
}

interface Evidence {
  readonly model: GpuModel | undefined;
  readonly peakMiB: number | undefined;
  readonly slices: MigSlice[] | undefined;
  readonly free: Readonly<Record<string, number>> | undefined;
  readonly migOffered: boolean;
  readonly sharedOffered: boolean;
}

function evidenceFor(container: Container, cluster: ClusterContext | undefined): Evidence {
  const workload = container.workload;
  const model = targetGpuModel(workload, cluster);
  const peak = cluster?.peakGpuMemoryMiB?.[`${workload.namespace ?? 'default'}/${workload.name}`];
  const peakMiB = peak !== undefined && Number.isFinite(peak) && peak >= 0 ? peak : undefined;
  const free = cluster?.freeMigSlices;
  const noMig = cluster?.migStrategy === 'none' || pinnedToNonMigGpu(workload);
  const migOffered =
    cluster !== undefined &&
    !noMig &&
    (cluster.migStrategy === 'mixed' ||
      (cluster.migProfiles?.length ?? 0) > 0 ||
      Object.values(free ?? {}).some((n) => n > 0));
  const slices = noMig ? undefined : availableSlices(model, cluster);
  return { model, peakMiB, slices, free, migOffered, sharedOffered: cluster?.timeSlicing?.renamed === true };
}

/** Slices smaller than the device that hold the observed peak with headroom, smallest first. */
function fittingSlices(evidence: Evidence): MigSlice[] {
  const { model, peakMiB, slices, free } = evidence;
  const deviceGb = model?.memoryGb ?? Math.max(0, ...(slices ?? []).map((s) => s.memoryGb));
  const fitting = (slices ?? [])
    .filter((s) => !s.media && s.memoryGb < deviceGb)
    .filter((s) => peakMiB === undefined || usableProfileMemory(model, s.profile).mib >= peakMiB * HEADROOM)
    .sort(bySize);
  const withFree = free ? fitting.filter((s) => (free[s.profile] ?? 0) > 0) : [];
  return withFree.length > 0 ? withFree : fitting;
}

function message(
  container: Container,
  count: number,
  evidence: Evidence,
  slice: MigSlice | undefined,
): string {
  const parts: string[] = [];
  const device = evidence.model ? `${evidence.model.memoryGb} GB (${evidence.model.id})` : 'the device';
  if (evidence.peakMiB !== undefined)
    parts.push(`observed peak GPU memory is ${gib(evidence.peakMiB)} of ${device}`);
  const free = Object.entries(evidence.free ?? {}).filter(([, n]) => n > 0);
  if (free.length > 0) parts.push(`free MIG slices: ${free.map(([p, n]) => `${p} ×${n}`).join(', ')}`);
  else if (evidence.migOffered && evidence.slices && evidence.slices.length > 0)
    parts.push(
      `the cluster offers MIG slices (${[...new Set(evidence.slices.map((s) => s.profile))].join(', ')})`,
    );
  if (evidence.sharedOffered) parts.push(`time-sliced GPUs are available as ${SHARED_GPU}`);
  const what = `${ROLE_LABEL[container.role] ?? 'Long-running'} container "${container.name}" requests ${count} whole ${WHOLE_GPU}`;
  const advice = slice
    ? ` A ${slice.profile} MIG slice would likely do and leave the rest of the GPU to others.`
    : ' Serving and interactive workloads rarely use a whole GPU; a MIG slice or a shared GPU usually does.';
  return `${what}${parts.length > 0 ? `; ${parts.join('; ')}` : ''}.${advice}`;
}

function switchFix(file: ManifestFile, container: Container, resource: string, title: string): Fix {
  return {
    title,
    changes: [{ uri: file.uri, edits: switchResourceEdits(file, container, WHOLE_GPU, resource, '1') }],
    // It changes the capacity a live service gets: always a reviewed choice.
    safe: false,
  };
}

function wholeGpuQuantity(container: Container): Quantity | undefined {
  return container.resources.limits.get(WHOLE_GPU) ?? container.resources.requests.get(WHOLE_GPU);
}

/**
 * Serving, notebook and other long-running workloads that hold whole GPUs: most use a fraction
 * of the device's memory and compute. Reported as a warning when the cluster offers slices or
 * the observed peak is under half the device, as information otherwise.
 */
export const gpuWholeDeviceRequest: ManifestRule = {
  meta: {
    id: 'gpu/whole-device-request',
    defaultSeverity: 'warning',
    title: 'Whole GPU for a serving, notebook or dev workload',
  },
  target: 'manifest',
  check(file, context) {
    const reports: Report[] = [];
    const cluster = context.cluster;
    // Containers that share a resources map through an alias are reported (and fixed) once.
    const seen = new Set<unknown>();
    for (const container of gpuContainers(file)) {
      const workload = container.workload;
      if (container.isInit || workload.source === 'compose') continue;
      if (RUN_TO_COMPLETION_KINDS.has(workload.kind) || !REPORTED_ROLES.has(container.role)) continue;
      const quantity = wholeGpuQuantity(container);
      const count = quantity ? parseQuantity(quantity.raw) : undefined;
      if (!quantity || count === undefined || count < 1 || !isWholeQuantity(count)) continue;
      if (seen.has(quantity.pair)) continue;
      seen.add(quantity.pair);
      if (wholeGpuIsSlice(workload, cluster)) continue;
      const evidence = evidenceFor(container, cluster);
      const candidates = count === 1 ? fittingSlices(evidence) : [];
      const slice = candidates[0];
      const deviceMiB = evidence.model ? evidence.model.memoryGb * 1024 : undefined;
      const underHalf =
        evidence.peakMiB !== undefined && deviceMiB !== undefined && evidence.peakMiB < deviceMiB / 2;
      // A peak that no slice below the whole device holds justifies the whole device.
      const peakNeedsDevice = evidence.peakMiB !== undefined && evidence.slices !== undefined && !slice;
      const warn = !peakNeedsDevice && (evidence.migOffered || evidence.sharedOffered || underHalf);
      const severity: Severity = warn ? 'warning' : 'information';
      const fixes: Fix[] = [];
      if (slice) {
        const why =
          evidence.peakMiB !== undefined
            ? `holds the ${gib(evidence.peakMiB)} peak with 20% headroom`
            : `the smallest slice of ${evidence.model ? `the ${evidence.model.id}` : 'the GPU'}`;
        fixes.push(
          switchFix(
            file,
            container,
            `nvidia.com/mig-${slice.profile}`,
            `Switch to a MIG slice: nvidia.com/mig-${slice.profile}: 1 (${why})`,
          ),
        );
      }
      if (evidence.sharedOffered && count === 1)
        fixes.push(switchFix(file, container, SHARED_GPU, `Switch to a time-sliced GPU: ${SHARED_GPU}: 1`));
      reports.push({
        range: keyRange(quantity.pair, file.lines),
        message: message(container, count, evidence, slice),
        severity,
        fixes,
      });
    }
    return reports;
  },
};
