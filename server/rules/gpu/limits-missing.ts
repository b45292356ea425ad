import type { Fix, Report } from '../../engine/types.ts';
import { insertIntoMap, insertUnderPair } from '../../yaml/edit.ts';
import { asMap, keyRange } from '../../yaml/navigate.ts';
import { isGpuResource } from '../../workloads/model.ts';
import type { Container, ManifestFile, Quantity } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';

function addLimitFix(file: ManifestFile, container: Container, quantity: Quantity): Fix {
  const entry = { key: quantity.resource, value: quantity.raw };
  const { limitsPair, pair } = container.resources;
  const limits = asMap(limitsPair?.value, container.workload.doc);
  let edit;
  if (limits) edit = insertIntoMap(limits, [entry], file.lines);
  else if (limitsPair) edit = insertUnderPair(limitsPair, [entry], file.lines);
  else {
    const resources = asMap(pair?.value, container.workload.doc);
    edit = resources
      ? insertIntoMap(resources, [{ key: 'limits', value: [entry] }], file.lines)
      : insertUnderPair(pair!, [{ key: 'limits', value: [entry] }], file.lines);
  }
  return {
    title: `Add ${quantity.resource}: ${quantity.raw} to limits`,
    changes: [{ uri: file.uri, edits: [edit] }],
    safe: true,
  };
}

/**
 * GPU extended resources cannot be overcommitted: Kubernetes requires them in `limits`, and
 * rejects a pod that requests a GPU without a limit.
 */
export const gpuLimitsMissing: ManifestRule = {
  meta: {
    id: 'gpu/limits-missing',
    defaultSeverity: 'error',
    title: 'GPU resource requested but not limited',
  },
  target: 'manifest',
  check(file) {
    const reports: Report[] = [];
    for (const workload of file.workloads) {
      for (const container of workload.containers) {
        for (const quantity of container.resources.requests.values()) {
          if (!isGpuResource(quantity.resource) || container.resources.limits.has(quantity.resource))
            continue;
          reports.push({
            range: keyRange(quantity.pair, file.lines),
            message: `${quantity.resource} is requested (${quantity.raw}) but not in limits; Kubernetes rejects GPU requests without an equal limit.`,
            fixes: [addLimitFix(file, container, quantity)],
          });
        }
      }
    }
    return reports;
  },
};
