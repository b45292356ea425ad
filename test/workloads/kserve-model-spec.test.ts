import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifest } from '../../server/workloads/read-manifest.ts';
import { parseYaml } from '../../server/yaml/parse.ts';

const INFERENCE_SERVICE = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: iris
spec:
  predictor:
    sklearn:
      storageUri: gs://models/iris
    containers:
      - name: kserve-container
        image: ghcr.io/acme/iris:1.0.0
  transformer:
    containers:
      - name: kserve-container
        image: ghcr.io/acme/iris-transformer:1.0.0
`;

describe('KServe InferenceService containers', () => {
  it('marks predictor model specs, and only them, as KServe model specs', () => {
    const file = readManifest(parseYaml('file:///w/isvc.yaml', INFERENCE_SERVICE));
    const containers = file.workloads.flatMap((w) => w.containers);
    assert.deepEqual(
      containers.map((c) => [c.name, c.role, c.isKServeModelSpec === true]),
      [
        ['kserve-container', 'serving', false],
        ['predictor.sklearn', 'serving', true],
        ['kserve-container', 'serving', false],
      ],
    );
  });
});
