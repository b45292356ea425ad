/**
 * The Models view's provenance badge against a real daemon whose gate flags versions without
 * provenance: a version trained from a run with its commit and dataset is traceable; a version
 * registered without a run, or from a run whose data is unknown, carries the daemon's
 * missing-provenance flag and is not.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { hasProvenance } from '../../extension/views/models-tree-cache.ts';
import type { ModelVersion } from '../../daemon/api/contract.ts';
import { startTestDaemon, type TestDaemon } from '../daemon/daemon-harness.ts';
import { logTrainingRun, registerVersion } from '../daemon/training-run.ts';

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon({ provenanceGate: 'warn' });
});
after(async () => daemon.close());

it('shows provenance only where the daemon found it, never for the flag that says it is missing', async () => {
  const complete = await registerVersion(daemon, 'churn', await logTrainingRun(daemon));
  const noData = await registerVersion(daemon, 'churn', await logTrainingRun(daemon, { dataset: false }));
  await daemon.mlflow('POST', 'registered-models/create', { name: 'bare' });
  const reply = await daemon.mlflow('POST', 'model-versions/create', {
    name: 'bare',
    source: 's3://models/bare/1',
  });
  assert.equal(reply.status, 200, reply.text);
  const bare = (reply.json as { model_version: ModelVersion }).model_version;
  assert.equal(hasProvenance(complete), true, 'trained from a run with its commit and dataset');
  assert.ok(noData.tags.some((t) => t.key === 'mlops_lens.provenance.missing'));
  assert.equal(hasProvenance(noData), false, 'its dataset is unknown');
  assert.equal(hasProvenance(bare), false, 'registered without a run');
});
