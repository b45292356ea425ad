import type { Fix, Report } from '../../engine/types.ts';
import type { LineIndex } from '../../engine/line-index.ts';
import { insertIntoMap } from '../../yaml/edit.ts';
import type { YamlEntry } from '../../yaml/edit.ts';
import type { Container, ManifestFile } from '../../workloads/model.ts';
import type { ManifestRule } from '../rule.ts';
import { servingEndpoint } from './model-server-endpoints.ts';
import type { ServingEndpoint } from './model-server-endpoints.ts';

/** Kinds whose pods take traffic through a Service once Ready. */
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Pod']);
/** KServe kinds whose containers are model servers by definition. */
const KSERVE_KINDS = new Set(['InferenceService', 'ServingRuntime', 'ClusterServingRuntime']);

/** Startup allowance: failureThreshold × periodSeconds = 10 minutes for a large model to load. */
const STARTUP_PERIOD_SECONDS = 10;
const STARTUP_FAILURE_THRESHOLD = 60;

function needsProbe(container: Container): boolean {
  if (container.isInit || container.role !== 'serving' || container.isKServeModelSpec) return false;
  if (container.readinessProbe || container.startupProbe) return false;
  const { kind, source } = container.workload;
  if (source !== 'kubernetes') return false;
  // RayService pods get their probes from the KubeRay operator; Jobs do not take traffic.
  return KSERVE_KINDS.has(kind) || LONG_RUNNING_KINDS.has(kind);
}

function handler(endpoint: ServingEndpoint): YamlEntry[] {
  if (endpoint.readyPath === undefined) {
    return [{ key: 'tcpSocket', value: [{ key: 'port', value: String(endpoint.port) }] }];
  }
  return [
    {
      key: 'httpGet',
      value: [
        { key: 'path', value: endpoint.readyPath },
        { key: 'port', value: String(endpoint.port) },
      ],
    },
  ];
}

function probesFix(file: ManifestFile, container: Container, lines: LineIndex): Fix {
  const endpoint = servingEndpoint(container);
  const minutes = (STARTUP_PERIOD_SECONDS * STARTUP_FAILURE_THRESHOLD) / 60;
  const probes: YamlEntry[] = [
    {
      key: 'startupProbe',
      value: [
        ...handler(endpoint),
        { key: 'periodSeconds', value: String(STARTUP_PERIOD_SECONDS) },
        {
          key: 'failureThreshold',
          // A comment cannot sit inside a flow map (`{name: x, ...}`).
          value: container.map.flow
            ? String(STARTUP_FAILURE_THRESHOLD)
            : `${STARTUP_FAILURE_THRESHOLD} # up to ${minutes} minutes to load the model`,
        },
      ],
    },
    {
      key: 'readinessProbe',
      value: [
        ...handler(endpoint),
        { key: 'periodSeconds', value: '10' },
        { key: 'failureThreshold', value: '3' },
      ],
    },
  ];
  const target = endpoint.readyPath
    ? `GET ${endpoint.readyPath} on port ${endpoint.port}`
    : `TCP port ${endpoint.port}`;
  return {
    title: `Add a startupProbe and a readinessProbe (${target})`,
    changes: [{ uri: file.uri, edits: [insertIntoMap(container.map, probes, lines)] }],
    // A guessed port could keep the pod from ever becoming Ready: only offer it on request.
    safe: endpoint.portSource !== 'guess',
  };
}

/**
 * A model server without a readiness or startup probe is Ready as soon as its process starts,
 * so it takes traffic while a model that needs minutes to load is still loading.
 */
export const serveNoReadinessProbe: ManifestRule = {
  meta: {
    id: 'serve/no-readiness-probe',
    defaultSeverity: 'warning',
    title: 'Model server without a readiness or startup probe',
  },
  target: 'manifest',
  check(file) {
    const reports: Report[] = [];
    // A container map shared through a YAML anchor is one container to fix, not several.
    const seen = new Set<unknown>();
    for (const workload of file.workloads) {
      for (const container of workload.containers) {
        if (!needsProbe(container) || seen.has(container.map)) continue;
        seen.add(container.map);
        const liveness = container.livenessProbe ? ' (a livenessProbe does not gate traffic)' : '';
        reports.push({
          range: container.anchor,
          message: `Model server container "${container.name}" has no readinessProbe or startupProbe${liveness}: it receives traffic before the model has loaded.`,
          fixes: [probesFix(file, container, file.lines)],
        });
      }
    }
    return reports;
  },
};
