/**
 * The scorecards `npm start` shows, against a real daemon over HTTP: after the production day,
 * the trained version answers who owns it and scores above the version registered by hand from
 * the model file, which misses its data, code and owner.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Scorecard } from '../../daemon/api/scorecard-contract.ts';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from '../daemon/daemon-harness.ts';
import { DEMO_MODEL, seedProductionDay } from './production-day-demo.ts';
import { seedScorecardDemo } from './scorecard-demo.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/churn', import.meta.url));

let daemon: TestDaemon;
before(async () => {
  daemon = await startTestDaemon();
});
after(async () => daemon.close());

async function scorecard(version: string): Promise<Scorecard> {
  const response = await daemon.call('GET', '/api/mlops-lens/v1/scorecard', {
    query: { name: DEMO_MODEL, version },
  });
  assert.equal(response.status, 200, response.text);
  return (response.json as { scorecard: Scorecard }).scorecard;
}

const missing = (card: Scorecard, id: string): string[] =>
  card.answers
    .find((a) => a.id === id)
    ?.checks.filter((c) => !c.found)
    .map((c) => c.name) ?? [];

test('the trained version is mostly answered, the hand-registered one mostly missing', async () => {
  const experiment = await daemon.mlflow('POST', 'experiments/create', { name: DEMO_MODEL });
  const created = await daemon.mlflow('POST', 'runs/create', {
    experiment_id: (experiment.json as { experiment_id: string }).experiment_id,
    start_time: Date.now() - 60_000,
    tags: [{ key: 'mlflow.source.git.commit', value: '4be2c1d9a7f3e6b5c8d0a1f2e3b4c5d6e7f8a9b0' }],
  });
  const runId = (created.json as { run: { info: { run_id: string } } }).run.info.run_id;
  await daemon.mlflow('POST', 'runs/log-metric', {
    run_id: runId,
    key: 'test_auc',
    value: 0.83,
    timestamp: 1,
    step: 0,
  });
  await daemon.mlflow('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  const day = await seedProductionDay(`http://127.0.0.1:${daemon.port}`, TEST_TOKEN, EXAMPLE);
  const demo = await seedScorecardDemo(`http://127.0.0.1:${daemon.port}`, TEST_TOKEN, EXAMPLE, day.version);
  assert.deepEqual(demo, { complete: '1', incomplete: '2' });

  const complete = await scorecard(demo.complete);
  const incomplete = await scorecard(demo.incomplete);
  assert.deepEqual(missing(complete, 'ownership'), []);
  assert.deepEqual(missing(complete, 'validation'), ['serving features', 'expectation suite']);
  assert.deepEqual(missing(incomplete, 'ownership'), [
    'owner',
    'approval',
    'intended use',
    'limitations',
    'changelog',
  ]);
  assert.deepEqual(missing(incomplete, 'provenance'), ['data', 'code', 'config', 'environment', 'hardware']);
  assert.ok(complete.score > incomplete.score + 30, `${complete.score} against ${incomplete.score}`);
  process.stdout.write(
    `# scores: v${demo.complete} ${complete.score}, v${demo.incomplete} ${incomplete.score}\n`,
  );
});
