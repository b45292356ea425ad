/** "Show Lineage for This File's Model": from a file's models to a lineage node, or why not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelVersion } from '../../daemon/api/contract.ts';
import { lineageForFile, sameArtifact } from '../../extension/webviews/lineage-for-file.ts';
import type { ModelsOfFileResult } from '../../server/lsp/protocol.ts';

const AT = { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } };

function version(name: string, v: number, source: string): ModelVersion {
  return {
    name,
    version: String(v),
    creation_timestamp: 0,
    last_updated_timestamp: 0,
    user_id: '',
    current_stage: 'None',
    description: '',
    source,
    run_id: `r${v}`,
    run_link: '',
    status: 'READY',
    tags: [],
    aliases: [],
  };
}

const VERSIONS = [
  version('churn', 1, 'mlflow-artifacts:/1/r1/artifacts/model'),
  version('churn', 3, 'mlflow-artifacts:/1/r3/artifacts/model'),
  version('churn', 2, 'mlflow-artifacts:/1/r2/artifacts/model'),
  version('ranker', 7, 'mlflow-artifacts:/2/r7/artifacts/models/ranker.joblib'),
];

function models(partial: Partial<ModelsOfFileResult>): ModelsOfFileResult {
  return { role: 'training', registeredModels: [], artifacts: [], ...partial };
}

describe('lineage for the model of a file', () => {
  it('takes the newest version of a name the file registers, before names it only loads', () => {
    const result = lineageForFile(
      'train.py',
      models({
        registeredModels: [
          { name: 'ranker', direction: 'load', range: AT },
          { name: 'churn', direction: 'save', range: AT },
        ],
      }),
      VERSIONS,
    );
    assert.deepEqual(result, {
      found: true,
      nodeId: 'model_version:churn@3',
      because: 'train.py registers the model churn',
    });
  });

  it('finds the version whose artifact the file saves or loads', () => {
    const result = lineageForFile(
      'serve.py',
      models({
        role: 'serving',
        artifacts: [
          { path: 'artifacts/models/ranker.joblib', direction: 'load', library: 'joblib', range: AT },
        ],
      }),
      VERSIONS,
    );
    assert.equal(result.found && result.nodeId, 'model_version:ranker@7');
  });

  it("matches artifacts by the path inside the run, never by a bare name's suffix", () => {
    assert.ok(sameArtifact('model', 'mlflow-artifacts:/1/r1/artifacts/model'));
    assert.ok(
      sameArtifact('out/models/ranker.joblib', 'mlflow-artifacts:/2/r7/artifacts/models/ranker.joblib'),
    );
    assert.ok(!sameArtifact('model', 'mlflow-artifacts:/1/r1/artifacts/sub/model'));
    assert.ok(!sameArtifact('other.joblib', 'mlflow-artifacts:/2/r7/artifacts/models/ranker.joblib'));
    assert.ok(!sameArtifact('model', 's3://bucket/model'), 'no run artifacts folder');
  });

  it('says why when nothing matches, naming what the file uses', () => {
    const result = lineageForFile(
      'train.py',
      models({
        registeredModels: [{ name: 'fraud', direction: 'save', range: AT }],
        artifacts: [{ path: 'artifacts/fraud.pt', direction: 'save', library: 'torch', range: AT }],
      }),
      VERSIONS,
    );
    assert.equal(result.found, false);
    assert.match(
      result.found ? '' : result.reason,
      /^train\.py uses the model name fraud, artifacts\/fraud\.pt, but the daemon has no model version/,
    );
    const none = lineageForFile(
      'helpers.py',
      models({ role: 'neither', reason: 'it neither trains nor serves a model' }),
      VERSIONS,
    );
    assert.deepEqual(none, { found: false, reason: 'helpers.py: it neither trains nor serves a model.' });
  });
});
