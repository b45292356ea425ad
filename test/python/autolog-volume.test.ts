import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseNotebookCells } from '../../server/python/analyse-python.ts';
import { toCellLocation } from '../../server/python/notebook/cell-map.ts';
import { reproAutologVolume } from '../../server/python/rules/repro-autolog-volume.ts';
import { fixtureText } from './fixture-facts.ts';
import { assertGolden, fixUntilClean } from './fix-until-clean.ts';
import { createTestParser } from './python-parser-setup.ts';
import { assertMatchesExpectations, checkFileRule, contextFor } from './rule-harness.ts';

const FOLDER = 'rules/repro-autolog-volume';

describe('repro/autolog-volume', () => {
  for (const file of ['positive.py', 'negative.py', 'single_run.py', 'keras_search.py'])
    it(`${file}: findings on the marked lines only`, async () => {
      await assertMatchesExpectations(reproAutologVolume, fixtureText(`${FOLDER}/${file}`), file);
    });

  it('names the search in its message', async () => {
    const { reports } = await checkFileRule(reproAutologVolume, fixtureText(`${FOLDER}/positive.py`));
    assert.match(
      reports[0]?.message ?? '',
      /log_every_n_step=1\) and a model for every candidate of `for params in ParameterGrid\(GRID\)`/,
    );
    assert.match(reports[3]?.message ?? '', /each candidate of `def objective\(trial\)`/);
  });

  it('keeps summaries only: per-step options back to per epoch, no models, metrics logged once after the training loop', async () => {
    const { text, remaining } = await fixUntilClean(reproAutologVolume, fixtureText(`${FOLDER}/positive.py`));
    assert.deepEqual(remaining, []);
    assert.match(text, /mlflow\.pytorch\.autolog\(log_every_n_step=None, log_models=False\)/);
    assert.match(
      text,
      /\n {8}for step, \(x, y\) in enumerate\(loader\):\n(?: {12}.*\n){2} {12}optimizer\.step\(\)\s*(#.*)?\n {4}mlflow\.log_metrics\(\{"train_loss": loss\.item\(\)\}\)\n/,
      'the summary goes after the outermost training loop of the function a search calls',
    );
    assert.match(
      text,
      /for epoch in range\(50\):\n {12}pass.*\n {8}mlflow\.log_metrics\(\{"loss": 1\.0 \/ \(epoch \+ 1\), "lr": lr\}\)\n/,
      'a loop left empty gets pass',
    );
    assertGolden(`${FOLDER}/positive.py`, text);
  });

  it('turns step logging back to per-epoch for Keras, and sets log_models=False on the generic autolog', async () => {
    const { text, remaining } = await fixUntilClean(
      reproAutologVolume,
      fixtureText(`${FOLDER}/keras_search.py`),
    );
    assert.deepEqual(remaining, []);
    assert.match(text, /mlflow\.autolog\(log_models=False\)/);
    assert.match(
      text,
      /mlflow\.tensorflow\.autolog\(log_every_epoch=True, log_every_n_steps=None, log_models=False\)/,
    );
    assertGolden(`${FOLDER}/keras_search.py`, text);
  });

  it('reports per-step logging in an objective defined in one notebook cell at its place in the cell', async () => {
    const parser = await createTestParser();
    const facts = analyseNotebookCells(parser, 'file:///w/tune.ipynb', [
      { index: 0, text: 'import mlflow\nimport optuna' },
      {
        index: 2,
        text: 'def objective(trial):\n    lr = trial.suggest_float("lr", 1e-4, 1e-1)\n    for epoch in range(10):\n        mlflow.log_metric("loss", lr / (epoch + 1), step=epoch)\n    return lr',
      },
      { index: 3, text: 'optuna.create_study().optimize(objective, n_trials=100)' },
    ]);
    const reports = reproAutologVolume.check(facts, contextFor(new Map()));
    assert.equal(reports.length, 1);
    assert.ok(facts.notebook);
    assert.deepEqual(toCellLocation(facts.notebook, reports[0]?.range ?? assert.fail()), {
      cellIndex: 2,
      cellUri: null,
      range: { start: { line: 3, character: 8 }, end: { line: 3, character: 63 } },
    });
    const edits = reports[0]?.fixes?.[0]?.changes[0]?.edits ?? [];
    for (const edit of edits)
      assert.equal(
        toCellLocation(facts.notebook, edit.range)?.cellIndex,
        2,
        'every edit of the fix stays in the cell',
      );
  });
});
