/**
 * Cost per 1,000 predictions of a served model: the hourly price of the GPUs its pods hold over
 * the requests it answers per hour. The request rate is `REQUEST_RATE_QUERY` on the context's
 * Prometheus, with its serving selector narrowed to the pods found (`namespace`, `pod=~`).
 */
import type { GpuPriceTable, ServingPodCost } from '../api/cost-contract.ts';
import { gpuHourPrice } from './gpu-price-table.ts';
import type { HeldGpus } from './pod-gpus.ts';

/** Requests per second over the rate window; `$selector` and `$window` as the serving queries. */
export const REQUEST_RATE_QUERY = 'sum(rate(http_requests_total{$selector}[$window]))';

export function pricedPods(held: readonly HeldGpus[], prices: GpuPriceTable): ServingPodCost[] {
  return held.map((pod) => {
    const { key, price } = gpuHourPrice(prices, pod.product);
    const cost: ServingPodCost = {
      pod: pod.pod,
      node: pod.node,
      gpus: pod.count,
      price_per_gpu_hour: price,
      price_key: key,
    };
    if (pod.product !== undefined) cost.product = pod.product;
    return cost;
  });
}

export function costPerHour(pods: readonly ServingPodCost[]): number {
  return pods.reduce((sum, pod) => sum + pod.gpus * pod.price_per_gpu_hour, 0);
}

/** Undefined when nothing was answered: no cost per prediction can be had. */
export function costPer1000Predictions(perHour: number, requestsPerSecond: number): number | undefined {
  return requestsPerSecond > 0 ? (perHour / (requestsPerSecond * 3600)) * 1000 : undefined;
}

/** The serving selector narrowed to these pods of `namespace`. */
export function podSelector(servingSelector: string, namespace: string, pods: readonly string[]): string {
  const escape = (text: string) => text.replace(/[\\"]/g, (c) => `\\${c}`);
  const regex = pods.map((pod) => pod.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const narrowed = `namespace="${escape(namespace)}",pod=~"${escape(regex)}"`;
  return servingSelector.trim() === '' ? narrowed : `${servingSelector},${narrowed}`;
}
