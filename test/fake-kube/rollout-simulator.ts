import type { FakeKube } from './fake-kube-server.ts';
import { valueAtPath, type KubeObject } from './kube-object.ts';
import { timestamp } from './object-store.ts';

/** What the simulated controller makes of a new generation. */
export type RolloutOutcome = 'ready' | 'deadline-exceeded';

const CONTROLLED = ['apps/deployments', 'apps/statefulsets', 'serving.kserve.io/inferenceservices'];

function condition(type: string, status: 'True' | 'False', reason: string, message: string): object {
  const now = timestamp();
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

function workloadStatus(object: KubeObject, outcome: RolloutOutcome): Record<string, unknown> {
  const replicas = Number(valueAtPath(object, ['spec', 'replicas']) ?? 1);
  const generation = object.metadata.generation ?? 1;
  const name = object.metadata.name;
  if (outcome === 'deadline-exceeded') {
    return {
      observedGeneration: generation,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: replicas,
      conditions: [
        condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
        condition(
          'Progressing',
          'False',
          'ProgressDeadlineExceeded',
          `ReplicaSet "${name}" has timed out progressing.`,
        ),
      ],
    };
  }
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    currentReplicas: replicas,
    conditions: [
      condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
      condition(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${name}" has successfully progressed.`,
      ),
    ],
  };
}

function inferenceServiceStatus(object: KubeObject, outcome: RolloutOutcome): Record<string, unknown> {
  const generation = object.metadata.generation ?? 1;
  const name = object.metadata.name;
  const previous = valueAtPath(object, ['status', 'components', 'predictor', 'latestReadyRevision']) as
    string | undefined;
  const revision = Number(/(\d+)$/.exec(previous ?? '')?.[1] ?? 0) + 1;
  const latest = `${name}-predictor-${String(revision).padStart(5, '0')}`;
  const canary = valueAtPath(object, ['spec', 'predictor', 'canaryTrafficPercent']);
  const ready = outcome === 'ready';
  const traffic =
    typeof canary === 'number' && previous !== undefined
      ? [
          { revisionName: latest, percent: canary, latestRevision: true, tag: 'latest' },
          { revisionName: previous, percent: 100 - canary, latestRevision: false, tag: 'prev' },
        ]
      : [
          {
            revisionName: ready || !previous ? latest : previous,
            percent: 100,
            latestRevision: ready || !previous,
          },
        ];
  return {
    observedGeneration: generation,
    url: `http://${name}.${object.metadata.namespace ?? 'default'}.example.com`,
    conditions: [
      ready
        ? condition('PredictorReady', 'True', 'Ready', '')
        : condition(
            'PredictorReady',
            'False',
            'RevisionFailed',
            `Revision "${latest}" failed with message: Container failed with: OOMKilled.`,
          ),
      ready
        ? condition('Ready', 'True', 'Ready', '')
        : condition('Ready', 'False', 'RevisionFailed', 'Revision failed.'),
    ],
    components: {
      predictor: {
        latestCreatedRevision: latest,
        latestReadyRevision: ready ? latest : (previous ?? ''),
        ...(ready ? { latestRolledoutRevision: latest } : {}),
        ...(previous ? { previousRolledoutRevision: previous } : {}),
        traffic,
      },
    },
  };
}

/**
 * A stand-in for the workload controllers: each new generation of a Deployment, StatefulSet or
 * InferenceService gets the status its controller would write, `ready` or `deadline-exceeded`
 * as `decide` says (watchers see the MODIFIED status). Returns the function that stops it.
 */
export function simulateRollouts(
  fake: FakeKube,
  decide: (object: KubeObject) => RolloutOutcome = () => 'ready',
): () => void {
  return fake.store.subscribe((change) => {
    if (change.type === 'DELETED' || !CONTROLLED.includes(change.resource)) return;
    const { object } = change;
    const observed = Number(valueAtPath(object, ['status', 'observedGeneration']) ?? 0);
    if ((object.metadata.generation ?? 1) <= observed) return;
    setImmediate(() => {
      const type = fake.typeOf(object.apiVersion, object.kind);
      const current = fake.store.get(type, object.metadata.namespace, object.metadata.name);
      if (!current || current.metadata.resourceVersion !== object.metadata.resourceVersion) return;
      const outcome = decide(current);
      const status =
        current.kind === 'InferenceService'
          ? inferenceServiceStatus(current, outcome)
          : workloadStatus(current, outcome);
      fake.store.update(type, { ...current, status });
    });
  });
}
