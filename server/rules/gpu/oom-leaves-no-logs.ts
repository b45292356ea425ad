import type { Node } from 'yaml';
import type { Fix, Report } from '../../engine/types.ts';
import { insertIntoMap, replaceNode } from '../../yaml/edit.ts';
import { nodeRange } from '../../yaml/navigate.ts';
import type { Container, ManifestFile } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import { gpuContainers } from './gpu-quantities.ts';

const POLICY = 'FallbackToLogsOnError';

function policyFix(file: ManifestFile, container: Container): Fix {
  const current = container.terminationMessagePolicy;
  const edit = current
    ? replaceNode(current.pair.value as Node, POLICY, file.lines)
    : insertIntoMap(container.map, [{ key: 'terminationMessagePolicy', value: POLICY }], file.lines);
  return {
    title: `Set terminationMessagePolicy: ${POLICY}`,
    changes: [{ uri: file.uri, edits: [edit] }],
    safe: true,
  };
}

/**
 * A GPU container that dies (CUDA out of memory, an OOM kill, a driver error) usually writes
 * nothing to /dev/termination-log; with `FallbackToLogsOnError` the tail of its log becomes the
 * termination message, so the reason survives the restart in `kubectl describe` and events.
 */
export const gpuOomLeavesNoLogs: ManifestRule = {
  meta: {
    id: 'gpu/oom-leaves-no-logs',
    defaultSeverity: 'warning',
    title: 'GPU container without terminationMessagePolicy: FallbackToLogsOnError',
  },
  target: 'manifest',
  check(file) {
    const reports: Report[] = [];
    for (const container of gpuContainers(file)) {
      // Compose services and Helm values blocks have no termination message policy.
      if (container.workload.source !== 'kubernetes') continue;
      const current = container.terminationMessagePolicy;
      if (current?.value === POLICY) continue;
      reports.push({
        range: current ? nodeRange(current.pair.value, file.lines) : container.anchor,
        message: current
          ? `GPU container "${container.name}" has terminationMessagePolicy: ${current.value}; when it dies of CUDA out-of-memory or is OOM-killed, the reason is lost with its logs. Use ${POLICY}.`
          : `GPU container "${container.name}" has no terminationMessagePolicy: ${POLICY}; when it dies of CUDA out-of-memory or is OOM-killed, the reason is lost with its logs on restart.`,
        fixes: [policyFix(file, container)],
      });
    }
    return reports;
  },
};
