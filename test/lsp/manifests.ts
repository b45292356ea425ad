/** Manifests the protocol tests open, with the exact places their findings must be reported. */

/** A Deployment whose container requests a GPU without limiting it. */
export const GPU_WITHOUT_LIMIT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ranker
spec:
  template:
    spec:
      containers:
        - name: server
          image: ghcr.io/acme/ranker:1.4.2
          resources:
            requests:
              cpu: "2"
              nvidia.com/gpu: 1
            limits:
              cpu: "2"
`;

/** Where GPU_WITHOUT_LIMIT's finding is: the `nvidia.com/gpu` key. */
export const GPU_KEY_RANGE = { start: { line: 13, character: 14 }, end: { line: 13, character: 28 } };

/** The same Deployment, fixed. */
export const GPU_WITH_LIMIT = GPU_WITHOUT_LIMIT.replace(
  '            limits:\n              cpu: "2"\n',
  '            limits:\n              cpu: "2"\n              nvidia.com/gpu: 1\n',
);

/** Two documents, three GPU requests without limits (one per container). */
export const THREE_MISSING_LIMITS = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
    - name: one
      image: ghcr.io/acme/one:1.0.0
      resources:
        requests:
          nvidia.com/gpu: 1
    - name: two
      image: ghcr.io/acme/two:1.0.0
      resources:
        requests: {nvidia.com/mig-1g.10gb: 1}
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
    - name: three
      image: ghcr.io/acme/three:1.0.0
      resources:
        requests:
          nvidia.com/gpu: 2
`;

/**
 * A `.mlops-lens.yaml` that turns every rule off but `ruleId`, so that protocol tests stay
 * about the protocol while rules are added.
 */
export function configWithOnly(ruleIds: readonly string[], all: readonly string[]): string {
  const lines = all.filter((id) => !ruleIds.includes(id)).map((id) => `  ${id}: off`);
  return lines.length > 0 ? `rules:\n${lines.join('\n')}\n` : '';
}
