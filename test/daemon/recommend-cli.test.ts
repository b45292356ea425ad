/**
 * `mlops-lens recommend <model>@<version>` against a real daemon process: a concept shift seeded
 * over HTTP is answered RETRAIN with its reasoning, the attribution evidence and the training
 * cost; `--json` gives the route's object; a bad flag is a usage error and an unknown version
 * the daemon's refusal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RetrainingRecommendation } from '../../daemon/api/retraining-contract.ts';
import { BUNDLE_MISSING, startCliDaemon, type CliDaemon, type CliRun } from './cli-harness.ts';
import {
  driftReport,
  HOUR,
  pushLabels,
  pushSamples,
  ROWS,
  rows,
  trainAndRegister,
} from './retraining-scenario.ts';

describe('mlops-lens recommend', { skip: BUNDLE_MISSING }, () => {
  let scene: CliDaemon;
  const cli = (...args: string[]): Promise<CliRun> => scene.cli(...args);

  before(async () => {
    scene = await startCliDaemon('mlops-lens-recommend-');
    const { calls } = scene;
    await trainAndRegister(calls, 'churn', {
      digest: '9f86d081884c7d65',
      brier: 0.1,
      gpus: 4,
      gpuType: 'NVIDIA A100-SXM4-80GB',
      hours: 1.5,
      seed: 1,
    });
    const start = Date.now() - 2 * HOUR;
    await pushSamples(calls, 'churn', rows(3), start, 0.8);
    await pushLabels(calls, 'churn', start, ROWS, ROWS / 2);
    await driftReport(calls, 'churn', start);
  });
  after(async () => {
    await scene?.close();
  });

  it('prints the action, the reasoning, the evidence and the training cost', async () => {
    const result = await cli('recommend', 'churn@1');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'churn@1: RETRAIN');
    const reasoning = lines.slice(2, lines.indexOf('', 2)).join(' ');
    assert.match(reasoning, /Brier score 0\.340 against 0\.100 at baseline \(\+240\.0%\)/);
    // 4 × A100-SXM4-80GB for 1.5 h at the default 2.50 USD per GPU-hour.
    assert.match(
      reasoning,
      /Its training run took 6 GPU-hours \(4 × NVIDIA A100-SXM4-80GB for 1\.5 h\), about 15\.00 USD/,
    );
    assert.match(result.stdout, /^attribution +concept drift: Model degradation/m);
    assert.match(result.stdout, /^ +- outcome degraded: Brier score 0\.340/m);
    assert.match(
      result.stdout,
      /^training cost +last run 6 GPU-hours, 15\.00 USD; 1 run 6 GPU-hours, 15\.00 USD$/m,
    );
    assert.ok(
      lines.slice(2, lines.indexOf('', 2)).every((line) => line.length <= 96),
      'the reasoning is wrapped at 96 columns',
    );
  });

  it('--json prints the recommendation object', async () => {
    const result = await cli('recommend', 'churn@1', '--json', '--min-labels', '700');
    assert.equal(result.code, 0, result.stderr);
    const recommendation = JSON.parse(result.stdout) as RetrainingRecommendation;
    assert.equal(recommendation.min_labels, 700);
    assert.equal(recommendation.action, 'wait_for_labels', '600 labels are fewer than 700');
    assert.notEqual(
      recommendation.attribution.verdict,
      'concept_drift',
      'outcomes do not count under 700 labels',
    );
  });

  it('refuses a bad flag and an unknown version', async () => {
    const badBudget = await cli('recommend', 'churn@1', '--budget', 'lots');
    assert.equal(badBudget.code, 2);
    assert.match(badBudget.stderr, /--budget must be a number of at least 0, not 'lots'/);
    const noVersion = await cli('recommend', 'churn');
    assert.equal(noVersion.code, 2);
    assert.match(noVersion.stderr, /expected <model>@<version>/);
    const unknown = await cli('recommend', 'churn@9');
    assert.equal(unknown.code, 1);
  });
});
