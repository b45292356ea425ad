/** The review's YAML: server-set fields left out, keys sorted, objects in a stable order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { RenderedObject } from '../../daemon/api/contract.ts';
import { manifestsYaml } from '../../extension/deploy/manifests-yaml.ts';

const service: RenderedObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'churn', namespace: 'ml-serving', labels: { app: 'churn' } },
  spec: { ports: [{ port: 80 }] },
};

const liveDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-11-26T02:00:00Z',
    name: 'churn-v1',
    namespace: 'ml-serving',
  },
  spec: { replicas: 2 },
  status: { readyReplicas: 2 },
} as RenderedObject;

describe('review manifests as YAML', () => {
  it('leaves out what the API server sets, sorts keys and orders objects by kind and name', () => {
    const text = manifestsYaml([service, liveDeployment]);
    const documents = parseAllDocuments(text).map((d) => d.toJS() as RenderedObject);
    assert.deepEqual(
      documents.map((d) => `${d.kind}/${d.metadata.name}`),
      ['Deployment/churn-v1', 'Service/churn'],
    );
    assert.deepEqual(documents[0], {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'churn-v1', namespace: 'ml-serving' },
      spec: { replicas: 2 },
    });
    assert.ok(text.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: churn-v1\n'), text);
    assert.equal(manifestsYaml([]), '');
  });
});
