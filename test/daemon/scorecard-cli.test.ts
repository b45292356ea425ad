/**
 * `mlops-lens scorecard`, `models tag` and `models retire` against a real daemon process: the
 * table names each question's status, evidence and fixes; --format json is the route's object;
 * --fail-under gates on the score; running a fix's command (`models tag`) answers its check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Scorecard } from '../../daemon/api/scorecard-contract.ts';
import { BUNDLE_MISSING, startCliDaemon, type CliDaemon, type CliRun } from './cli-harness.ts';
import { seedScorecardVersions } from './scorecard-scenario.ts';

describe('mlops-lens scorecard', { skip: BUNDLE_MISSING }, () => {
  let scene: CliDaemon;
  const cli = (...args: string[]): Promise<CliRun> => scene.cli(...args);

  before(async () => {
    scene = await startCliDaemon('mlops-lens-scorecard-');
    await seedScorecardVersions(scene.calls);
  });
  after(async () => {
    await scene?.close();
  });

  it('prints the questions, the evidence and the fix of each missing check', async () => {
    const result = await cli('scorecard', 'churn@1');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0] ?? '', /^churn@1 {2}score \d+\/100 {2}stage no stage$/);
    assert.ok(
      lines.includes('1. Which data, code, config, environment and hardware produced it?  ◐ partial'),
    );
    assert.ok(
      lines.includes('5. What monitors quality, drift, latency, cost, safety and fairness?  ✗ missing'),
    );
    assert.match(
      result.stdout,
      /^ {3}✗ owner +missing: Name the team that owns incidents, retraining and deprecation\.$/m,
    );
    assert.match(result.stdout, /^ +run: mlops-lens models tag churn@1 mlops_lens\.owner=TEAM$/m);
    assert.match(result.stdout, /^ {3}✓ config +C=1\.0, max_iter=200$/m);
    assert.match(result.stdout, /^ +add: mlflow\.log_input\(/m);
  });

  it('--format json prints the scorecard; --fail-under gates on its score', async () => {
    const json = await cli('scorecard', 'churn@production', '--format', 'json');
    assert.equal(json.code, 0, json.stderr);
    const card = JSON.parse(json.stdout) as Scorecard;
    assert.equal(card.model_version, '2');
    assert.equal(card.answers.length, 6);
    const pass = await cli('scorecard', 'churn@2', '--fail-under', String(card.score));
    assert.equal(pass.code, 0, pass.stderr);
    const bare = JSON.parse((await cli('scorecard', 'churn@1', '--json')).stdout) as Scorecard;
    assert.ok(bare.score < card.score, `${bare.score} < ${card.score}`);
    const gate = await cli('scorecard', 'churn@1', '--fail-under', '80');
    assert.equal(gate.code, 1);
    assert.equal(gate.stderr.trim(), `churn@1: score ${bare.score} is under 80.`);
    const bad = await cli('scorecard', 'churn@1', '--fail-under', 'high');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-under must be a score from 0 to 100, not 'high'/);
    const format = await cli('scorecard', 'churn@1', '--format', 'xml');
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be table or json, not 'xml'/);
    const unknown = await cli('scorecard', 'churn@9');
    assert.equal(unknown.code, 1);
  });

  it("running a fix's command answers its check", async () => {
    const before = JSON.parse((await cli('scorecard', 'churn@1', '--json')).stdout) as Scorecard;
    const ownership = before.answers.find((a) => a.id === 'ownership');
    const command = ownership?.checks.find((c) => c.name === 'owner')?.fix?.command ?? '';
    assert.equal(command, 'mlops-lens models tag churn@1 mlops_lens.owner=TEAM');
    const tagged = await cli(
      ...command
        .split(' ')
        .slice(1)
        .map((arg) => arg.replace('TEAM', 'growth-ml')),
    );
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.equal(tagged.stdout.trim(), 'churn@1: mlops_lens.owner=growth-ml');
    const after = JSON.parse((await cli('scorecard', 'churn@1', '--json')).stdout) as Scorecard;
    const owner = after.answers.find((a) => a.id === 'ownership')?.checks.find((c) => c.name === 'owner');
    assert.deepEqual(owner?.evidence, ['owner: growth-ml']);
    assert.ok(after.score > before.score, `${after.score} > ${before.score}`);
    const badTag = await cli('models', 'tag', 'churn@1', 'no-equals');
    assert.equal(badTag.code, 2);
    assert.match(badTag.stderr, /expected KEY=VALUE, not 'no-equals'/);
  });

  it('models retire previews nothing for versions registered now, and needs --days', async () => {
    const preview = await cli('models', 'retire', '--days', '30');
    assert.equal(preview.code, 0, preview.stderr);
    assert.equal(preview.stdout.trim(), 'No version without traffic for 30 days.');
    const missing = await cli('models', 'retire');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing --days N/);
  });
});
