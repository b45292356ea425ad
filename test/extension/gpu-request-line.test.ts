/** Finding a workload's whole-GPU request in its manifest, from the line of its `kind:`. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gpuRequestPosition } from '../../extension/clusters/gpu-request-line.ts';

const TWO_DOCUMENTS = `apiVersion: v1
kind: Service
metadata:
  name: churn-model
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-model
spec:
  template:
    spec:
      containers:
        - name: model
          resources:
            # nvidia.com/gpu: 2 was too much
            limits:
              "nvidia.com/gpu": 1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: no-gpu
spec: {}
`;

describe('GPU request line', () => {
  it('finds the key of the request in the workload’s own document, skipping comments', () => {
    assert.deepEqual(gpuRequestPosition(TWO_DOCUMENTS, 7), { line: 17, start: 14, end: 30 });
  });

  it('does not look past the end of the workload’s document', () => {
    assert.equal(gpuRequestPosition(TWO_DOCUMENTS, 2), undefined);
    assert.equal(gpuRequestPosition(TWO_DOCUMENTS, 21), undefined);
  });
});
