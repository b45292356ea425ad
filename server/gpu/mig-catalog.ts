/**
 * MIG profiles per GPU model, from NVIDIA's Multi-Instance GPU user guide ("Supported MIG
 * Profiles"). `memoryGb` is the profile's memory as its name states it; the memory a process can
 * use is less (`nvidia-smi mig -lgip` lists it): measured per profile where we have read it from
 * a real GPU (`usableGib`), otherwise assumed {@link UNMEASURED_USABLE_SHARE} of the name's size.
 * `+me` variants (media extensions) are advertised by the Kubernetes device plugin as
 * `nvidia.com/mig-<profile>.me`.
 */
export interface MigProfile {
  /** e.g. `1g.10gb` */
  readonly name: string;
  readonly computeSlices: number;
  readonly memoryGb: number;
}

export interface GpuModel {
  readonly id: string;
  /** Substrings of the `nvidia.com/gpu.product` label that identify the model. */
  readonly productPatterns: readonly RegExp[];
  readonly memoryGb: number;
  readonly profiles: readonly MigProfile[];
  /** Profiles that exist with media extensions (`+me`). */
  readonly mediaProfiles: readonly string[];
  /** Memory per profile as `nvidia-smi mig -lgip` reports it (GiB), where it was read from a real GPU. */
  readonly usableGib?: Readonly<Record<string, number>>;
}

/**
 * The share of a profile's nominal size assumed usable when it was not measured: the smallest
 * share measured on any profile (H200 `1g.18gb`: 16.00 GiB), so sizing never counts on memory
 * that is not there.
 */
export const UNMEASURED_USABLE_SHARE = 0.88;

function profiles(...names: string[]): MigProfile[] {
  return names.map((name) => {
    const match = /^(\d+)g\.(\d+)gb$/.exec(name);
    return { name, computeSlices: Number(match?.[1]), memoryGb: Number(match?.[2]) };
  });
}

export const GPU_MODELS: readonly GpuModel[] = [
  {
    id: 'A30-24GB',
    productPatterns: [/A30/i],
    memoryGb: 24,
    profiles: profiles('1g.6gb', '2g.12gb', '4g.24gb'),
    mediaProfiles: ['1g.6gb', '2g.12gb'],
  },
  {
    id: 'A100-40GB',
    productPatterns: [/A100.*40GB/i, /A100-(SXM4|PCIE)$/i],
    memoryGb: 40,
    profiles: profiles('1g.5gb', '1g.10gb', '2g.10gb', '3g.20gb', '4g.20gb', '7g.40gb'),
    mediaProfiles: ['1g.5gb'],
  },
  {
    id: 'A100-80GB',
    productPatterns: [/A100.*80GB/i],
    memoryGb: 80,
    profiles: profiles('1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'),
    mediaProfiles: ['1g.10gb'],
  },
  {
    id: 'H100-80GB',
    productPatterns: [/H100.*80GB/i, /H100-(SXM5|PCIE)$/i],
    memoryGb: 80,
    profiles: profiles('1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'),
    mediaProfiles: ['1g.10gb'],
    // nvidia-smi 580.159.04 on an NVIDIA H100 80GB HBM3 (test/fixtures/nvidia-smi/h100-80gb-hbm3).
    usableGib: {
      '1g.10gb': 9.75,
      '1g.20gb': 19.62,
      '2g.20gb': 19.62,
      '3g.40gb': 39.5,
      '4g.40gb': 39.5,
      '7g.80gb': 79.25,
    },
  },
  {
    id: 'H100-94GB',
    productPatterns: [/H100.*94GB/i, /H100.*NVL/i],
    memoryGb: 94,
    profiles: profiles('1g.12gb', '1g.24gb', '2g.24gb', '3g.47gb', '4g.47gb', '7g.94gb'),
    mediaProfiles: ['1g.12gb'],
  },
  {
    id: 'H100-96GB',
    productPatterns: [/H100.*96GB/i, /GH200/i, /H20\b/i],
    memoryGb: 96,
    profiles: profiles('1g.12gb', '1g.24gb', '2g.24gb', '3g.48gb', '4g.48gb', '7g.96gb'),
    mediaProfiles: ['1g.12gb'],
  },
  {
    id: 'H200-141GB',
    productPatterns: [/H200/i],
    memoryGb: 141,
    profiles: profiles('1g.18gb', '1g.35gb', '2g.35gb', '3g.71gb', '4g.71gb', '7g.141gb'),
    mediaProfiles: ['1g.18gb'],
    // nvidia-smi 580.159.04 on an NVIDIA H200 (test/fixtures/nvidia-smi/h200).
    usableGib: {
      '1g.18gb': 16,
      '1g.35gb': 32.5,
      '2g.35gb': 32.5,
      '3g.71gb': 69.75,
      '4g.71gb': 69.75,
      '7g.141gb': 140,
    },
  },
  {
    id: 'B200-180GB',
    productPatterns: [/B200/i],
    memoryGb: 180,
    profiles: profiles('1g.23gb', '1g.45gb', '2g.45gb', '3g.90gb', '4g.90gb', '7g.180gb'),
    mediaProfiles: ['1g.23gb'],
  },
];

/** The GPU model of a `nvidia.com/gpu.product` label value, when it is a MIG-capable model. */
export function gpuModelOf(product: string): GpuModel | undefined {
  return GPU_MODELS.find((model) => model.productPatterns.some((pattern) => pattern.test(product)));
}

/** The memory a process can use on a profile (MiB), and whether it was measured on that GPU model. */
export function usableProfileMemory(
  model: GpuModel | undefined,
  profile: string,
): { mib: number; measured: boolean } {
  const measured = model?.usableGib?.[profile];
  if (measured !== undefined) return { mib: Math.round(measured * 1024), measured: true };
  const nominalGb = Number(/\.(\d+)gb$/.exec(profile)?.[1]);
  return { mib: Math.floor(nominalGb * 1024 * UNMEASURED_USABLE_SHARE), measured: false };
}

/** `mig-1g.10gb.me` / `1g.10gb+me` → `{ profile: '1g.10gb', media: true }`. */
export function parseMigName(name: string): { profile: string; media: boolean } | undefined {
  const match = /^(?:nvidia\.com\/)?(?:mig-)?(\d+g\.\d+gb)(?:[.+](me))?$/.exec(name);
  if (!match?.[1]) return undefined;
  return { profile: match[1], media: match[2] === 'me' };
}

export function modelOffers(model: GpuModel, profile: string, media: boolean): boolean {
  return model.profiles.some((p) => p.name === profile) && (!media || model.mediaProfiles.includes(profile));
}

/** Every GPU model that offers the profile. */
export function modelsOffering(profile: string, media: boolean): GpuModel[] {
  return GPU_MODELS.filter((model) => modelOffers(model, profile, media));
}
