import type { Fix, Report } from '../../engine/types.ts';
import type { ClusterContext } from '../../gpu/cluster-context.ts';
import { GPU_MODELS, gpuModelOf, modelOffers } from '../../gpu/mig-catalog.ts';
import {
  baseProduct,
  bySize,
  GPU_PRODUCT_LABEL,
  migSlice,
  modelSlices,
  sliceName,
} from '../../gpu/target-gpu.ts';
import type { MigSlice } from '../../gpu/target-gpu.ts';
import { keyRange } from '../../yaml/navigate.ts';
import type { Container, ManifestFile } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import { gpuQuantities } from './gpu-quantities.ts';
import { switchResourceEdits } from './resource-edits.ts';

const MIG_KEY = /^nvidia\.com\/mig-(.*)$/;
/** `1g.10gb`, `1g.10gb.me`; other suffixes (`.me.all`, `+gfx`) are newer variants of a profile. */
const PROFILE = /^(\d+)g\.(\d+)gb((?:[.+-][a-z]+)*)$/;
/** Typos worth a suggestion: `1G.10GB`, `1g10gb`, `1g.10g`. */
const LOOSE_PROFILE = /^(\d+)\s*g\.?(\d+)\s*g(?:b)?/i;

interface Requested {
  readonly computeSlices: number;
  readonly memoryGb: number;
  readonly media: boolean;
  /** Undefined when the name is not well-formed. */
  readonly profile: string | undefined;
  /** A suffix other than `.me` that this catalog does not judge. */
  readonly otherSuffix: boolean;
}

function parseRequested(name: string): Requested | undefined {
  const strict = PROFILE.exec(name);
  if (strict?.[1] && strict[2]) {
    const suffix = strict[3] ?? '';
    return {
      computeSlices: Number(strict[1]),
      memoryGb: Number(strict[2]),
      media: suffix === '.me',
      profile: `${strict[1]}g.${strict[2]}gb`,
      otherSuffix: suffix !== '' && suffix !== '.me',
    };
  }
  const loose = LOOSE_PROFILE.exec(name);
  if (!loose?.[1] || !loose[2]) return undefined;
  return {
    computeSlices: Number(loose[1]),
    memoryGb: Number(loose[2]),
    media: /me$/i.test(name),
    profile: undefined,
    otherSuffix: false,
  };
}

interface Scope {
  /** What offers the slices, for messages: "the cluster", "H100-80GB GPUs", "any known GPU". */
  readonly what: string;
  readonly slices: readonly MigSlice[];
}

function uniqueSlices(slices: readonly MigSlice[]): MigSlice[] {
  const byName = new Map(slices.map((s) => [sliceName(s), s]));
  return [...byName.values()];
}

/** The slices the workload can get: the cluster's inventory, its GPU model's, or any known. */
function scopeOf(container: Container, cluster: ClusterContext | undefined): Scope {
  const product = container.workload.nodeSelector[GPU_PRODUCT_LABEL];
  const pinned = product === undefined ? undefined : gpuModelOf(baseProduct(product));
  if (cluster?.migProfiles !== undefined) {
    const inventory = cluster.migProfiles.map(migSlice).filter((s) => s !== undefined);
    const clusterName = cluster.name ? `the cluster ${cluster.name}` : 'the cluster';
    // A pod pinned to one model only gets that model's slices of the inventory.
    return pinned
      ? {
          what: `${clusterName}'s ${pinned.id} GPUs`,
          slices: inventory.filter((s) => modelOffers(pinned, s.profile, s.media)),
        }
      : { what: clusterName, slices: inventory };
  }
  const models = pinned
    ? [pinned]
    : [
        ...new Set(
          (cluster?.gpuProducts ?? []).map((p) => gpuModelOf(baseProduct(p))).filter((m) => m !== undefined),
        ),
      ];
  if (models.length > 0)
    return {
      what: `${models.map((m) => m.id).join(' or ')} GPUs`,
      slices: uniqueSlices(models.flatMap(modelSlices)),
    };
  return { what: 'any known GPU', slices: uniqueSlices(GPU_MODELS.flatMap(modelSlices)) };
}

function offers(scope: Scope, requested: Requested): boolean {
  if (requested.profile === undefined) return false;
  return scope.slices.some(
    (s) => s.profile === requested.profile && (requested.otherSuffix || s.media === requested.media),
  );
}

/**
 * The nearest slice: the smallest one that gives at least the memory and compute asked for
 * (by memory, then compute); when none does, the same memory or the next larger with the
 * closest compute, else the largest slice. A media slice (`.me`) is kept when one fits.
 */
function nearestSlice(slices: readonly MigSlice[], requested: Requested): MigSlice | undefined {
  const pick = (candidates: readonly MigSlice[]): MigSlice | undefined => {
    const supersets = candidates
      .filter((s) => s.memoryGb >= requested.memoryGb && s.computeSlices >= requested.computeSlices)
      .sort(bySize);
    if (supersets[0]) return supersets[0];
    const enough = candidates.filter((s) => s.memoryGb >= requested.memoryGb);
    const pool = enough.length > 0 ? enough : candidates;
    const memory = (enough.length > 0 ? Math.min : Math.max)(...pool.map((s) => s.memoryGb));
    const distance = (s: MigSlice): number => Math.abs(s.computeSlices - requested.computeSlices);
    return pool.filter((s) => s.memoryGb === memory).sort((a, b) => distance(a) - distance(b))[0];
  };
  if (requested.media) {
    const media = pick(slices.filter((s) => s.media));
    if (media && media.memoryGb >= requested.memoryGb) return media;
  }
  return pick(slices.filter((s) => !s.media));
}

function describe(scope: Scope): string {
  const names = scope.slices.map(sliceName);
  return names.length > 0 && names.length <= 14 ? ` (offered: ${names.join(', ')})` : '';
}

function renameFix(
  file: ManifestFile,
  container: Container,
  resource: string,
  to: string,
  title: string,
  safe: boolean,
): Fix {
  return {
    title,
    changes: [{ uri: file.uri, edits: switchResourceEdits(file, container, resource, to) }],
    safe,
  };
}

/**
 * A `nvidia.com/mig-<profile>` resource that no GPU offers (or not the cluster's GPUs) is never
 * advertised by the device plugin: the pod stays Pending forever with "Insufficient".
 */
export const gpuUnknownMigProfile: ManifestRule = {
  meta: {
    id: 'gpu/unknown-mig-profile',
    defaultSeverity: 'error',
    title: 'MIG profile that the target GPUs do not offer',
  },
  target: 'manifest',
  check(file, context) {
    const reports: Report[] = [];
    const cluster = context.cluster;
    for (const { container, quantity } of gpuQuantities(file)) {
      const name = MIG_KEY.exec(quantity.resource)?.[1];
      if (name === undefined) continue;
      const range = keyRange(quantity.pair, file.lines);
      if (cluster?.migStrategy === 'single' || cluster?.migStrategy === 'none') {
        const single = cluster.migStrategy === 'single';
        reports.push({
          range,
          message: single
            ? `${quantity.resource} is never advertised: with the MIG "single" strategy the cluster's slices are requested as nvidia.com/gpu.`
            : `${quantity.resource} is never advertised: the cluster's device plugin does not expose MIG slices (strategy "none").`,
          fixes: single
            ? [
                renameFix(
                  file,
                  container,
                  quantity.resource,
                  'nvidia.com/gpu',
                  'Request the slice as nvidia.com/gpu',
                  false,
                ),
              ]
            : [],
        });
        continue;
      }
      const requested = parseRequested(name);
      const scope = scopeOf(container, cluster);
      if (requested && offers(scope, requested)) continue;
      const nearest = requested && nearestSlice(scope.slices, requested);
      const fixes: Fix[] = [];
      if (nearest && requested) {
        const to = `nvidia.com/mig-${sliceName(nearest)}`;
        const superset =
          nearest.memoryGb >= requested.memoryGb &&
          nearest.computeSlices >= requested.computeSlices &&
          nearest.media === requested.media;
        fixes.push(
          renameFix(
            file,
            container,
            quantity.resource,
            to,
            `Use the nearest offered profile: ${to}`,
            superset,
          ),
        );
      }
      const what =
        requested?.profile === undefined ? 'is not a MIG profile name' : `is not offered by ${scope.what}`;
      reports.push({
        range,
        message: `${quantity.resource} ${what}${describe(scope)}; the device plugin never advertises it, so the pod stays Pending.`,
        fixes,
      });
    }
    return reports;
  },
};
