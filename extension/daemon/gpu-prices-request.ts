/**
 * What the `mlopsLens.gpuPrices` setting asks of the daemon: the table as the daemon takes it, or
 * nothing when the setting names no price (unset, `{}`), so the daemon's own table stays. The
 * daemon validates the values and refuses a wrong table with the field at fault.
 */
import type { SetGpuPricesRequest } from '../../daemon/api/cost-contract.ts';

export function gpuPricesRequest(setting: unknown): SetGpuPricesRequest | undefined {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) return undefined;
  const { currency, default: fallback, perGpuHour } = setting as Record<string, unknown>;
  if (typeof perGpuHour !== 'object' || perGpuHour === null || Object.keys(perGpuHour).length === 0)
    return undefined;
  const request: SetGpuPricesRequest = { per_gpu_hour: perGpuHour as Record<string, number> };
  if (currency !== undefined) request.currency = currency as string;
  if (fallback !== undefined) request.default = fallback as number;
  return request;
}
