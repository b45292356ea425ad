/** A pod's workload guessed from its name, for pods the cluster cache does not know. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workloadOfPodName } from '../../daemon/metrics/workload-of-pod-name.ts';

describe('workload of a pod name', () => {
  const cases: [pod: string, kind: string, name: string][] = [
    ['churn-serving-7d9c5b6f4-x2k4q', 'Deployment', 'churn-serving'],
    ['embedder-12', 'StatefulSet', 'embedder'],
    ['nightly-train-8bv2x', 'Job', 'nightly-train'],
    // "aeiou" cannot come from Kubernetes' random suffix alphabet.
    ['jupyter-aeiou', 'Pod', 'jupyter-aeiou'],
  ];
  for (const [pod, kind, name] of cases) {
    it(`${pod} belongs to ${kind} ${name}`, () => {
      assert.deepEqual(workloadOfPodName('ml', pod), { kind, namespace: 'ml', name });
    });
  }
});
