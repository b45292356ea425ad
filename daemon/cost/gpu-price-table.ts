/**
 * The price table GPU costs are estimated with: defaults (typical on-demand cloud list prices per
 * GPU-hour, USD) unless the data directory holds a `gpu-prices.json`, read on every use so an
 * edit applies without a restart. A product name is priced by the longest key it contains.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { GpuPriceTable, SetGpuPricesRequest } from '../api/cost-contract.ts';
import { writeAtomically } from '../process/daemon-files.ts';
import { invalidParameter } from '../store/tracking-error.ts';

/** The file name looked for in the daemon's data directory. */
export const GPU_PRICES_FILE = 'gpu-prices.json';

export const DEFAULT_GPU_PRICES: GpuPriceTable = {
  currency: 'USD',
  per_gpu_hour: {
    H200: 4.5,
    H100: 3.5,
    'A100-SXM4-80GB': 2.5,
    'A100-PCIE-80GB': 2.3,
    A100: 1.8,
    L40S: 1.5,
    A10G: 1.0,
    L4: 0.8,
    V100: 1.5,
    T4: 0.4,
  },
  default: 2.0,
  source: 'defaults',
};

type PriceFile = SetGpuPricesRequest;

const EXPECTED_SHAPE = 'Expected {"currency"?: "USD", "default"?: 2.0, "per_gpu_hour": {"H100": 3.5, …}}.';

const validatePriceFile = new Ajv({ allErrors: false, strict: true }).compile<PriceFile>({
  type: 'object',
  additionalProperties: false,
  required: ['per_gpu_hour'],
  properties: {
    currency: { type: 'string', minLength: 1 },
    default: { type: 'number', minimum: 0 },
    per_gpu_hour: {
      type: 'object',
      minProperties: 1,
      propertyNames: { minLength: 1 },
      additionalProperties: { type: 'number', minimum: 0 },
    },
  },
});

/** The table in `file`, or the defaults when there is none; a malformed file is a clear error. */
export function readGpuPriceTable(file: string | undefined): GpuPriceTable {
  if (file === undefined) return DEFAULT_GPU_PRICES;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_GPU_PRICES;
    throw invalidParameter(`Cannot read the GPU price table ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidParameter(`The GPU price table ${file} is not JSON: ${(error as Error).message}`);
  }
  if (!validatePriceFile(json))
    throw invalidParameter(`The GPU price table ${file} is invalid: ${firstError()}`);
  return {
    currency: json.currency ?? DEFAULT_GPU_PRICES.currency,
    per_gpu_hour: json.per_gpu_hour,
    default: json.default ?? DEFAULT_GPU_PRICES.default,
    source: file,
  };
}

function firstError(): string {
  const [first] = validatePriceFile.errors ?? [];
  return `${first?.instancePath || '(root)'} ${first?.message ?? ''}. ${EXPECTED_SHAPE}`;
}

/** Replaces the table in `file` with `body` (validated first; nothing is written when it is wrong). */
export function writeGpuPriceTable(file: string, body: unknown): GpuPriceTable {
  if (!validatePriceFile(body)) throw invalidParameter(`The GPU price table is invalid: ${firstError()}`);
  writeAtomically(file, `${JSON.stringify(body, null, 2)}\n`);
  return readGpuPriceTable(file);
}

/** The price of one GPU-hour of `product` and the key that set it (`default` when none matched). */
export function gpuHourPrice(
  table: GpuPriceTable,
  product: string | undefined,
): { key: string; price: number } {
  if (product !== undefined) {
    const name = product.toLowerCase();
    const keys = Object.keys(table.per_gpu_hour).sort((a, b) => b.length - a.length);
    const key = keys.find((k) => name.includes(k.toLowerCase()));
    if (key !== undefined) return { key, price: table.per_gpu_hour[key] ?? table.default };
  }
  return { key: 'default', price: table.default };
}
