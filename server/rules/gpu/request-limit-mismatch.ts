import type { Node } from 'yaml';
import type { Report } from '../../engine/types.ts';
import { parseQuantity } from '../../gpu/quantity.ts';
import { replaceNode } from '../../yaml/edit.ts';
import { nodeRange } from '../../yaml/navigate.ts';
import type { ManifestRule } from '../rule.ts';
import { gpuQuantities } from './gpu-quantities.ts';
import { nodeText } from './resource-edits.ts';

/**
 * Extended resources such as GPUs cannot be overcommitted: when a GPU resource is in both
 * `requests` and `limits`, the API server rejects the pod unless the two are equal. The limit is
 * what the device plugin allocates, so the fix copies it into the request.
 */
export const gpuRequestLimitMismatch: ManifestRule = {
  meta: {
    id: 'gpu/request-limit-mismatch',
    defaultSeverity: 'error',
    title: 'GPU request differs from its limit',
  },
  target: 'manifest',
  check(file) {
    const reports: Report[] = [];
    for (const { container, quantity, side } of gpuQuantities(file)) {
      if (side !== 'requests') continue;
      const limit = container.resources.limits.get(quantity.resource);
      if (!limit || limit.pair === quantity.pair) continue;
      const requested = parseQuantity(quantity.raw);
      const limited = parseQuantity(limit.raw);
      if (requested === undefined || limited === undefined || requested === limited) continue;
      const limitText = nodeText(file, limit.pair.value);
      reports.push({
        range: nodeRange(quantity.pair.value, file.lines),
        message: `${quantity.resource} is requested as ${quantity.raw} but limited to ${limit.raw}; GPU requests must equal their limits, so the API server rejects this pod.`,
        related: [
          {
            uri: file.uri,
            range: nodeRange(limit.pair.value, file.lines),
            message: `the ${quantity.resource} limit`,
          },
        ],
        fixes: [
          {
            title: `Set the ${quantity.resource} request to the limit (${limit.raw})`,
            changes: [
              { uri: file.uri, edits: [replaceNode(quantity.pair.value as Node, limitText, file.lines)] },
            ],
            safe: true,
          },
        ],
      });
    }
    return reports;
  },
};
