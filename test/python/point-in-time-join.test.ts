import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseNotebookCells } from '../../server/python/analyse-python.ts';
import { toCellLocation } from '../../server/python/notebook/cell-map.ts';
import { contextFor } from './rule-harness.ts';
import { skewPointInTimeJoin } from '../../server/python/rules/skew-point-in-time-join.ts';
import { fixtureText } from './fixture-facts.ts';
import { assertGolden, fixUntilClean } from './fix-until-clean.ts';
import { createTestParser } from './python-parser-setup.ts';
import { assertMatchesExpectations, checkFileRule } from './rule-harness.ts';

const FOLDER = 'rules/skew-point-in-time-join';

describe('skew/point-in-time-join', () => {
  for (const file of [
    'positive.py',
    'negative.py',
    'serving.py',
    'batch_scoring.py',
    'feast_positive.py',
    'feast_negative.py',
  ])
    it(`${file}: findings on the marked lines only`, async () => {
      await assertMatchesExpectations(skewPointInTimeJoin, fixtureText(`${FOLDER}/${file}`), file);
    });

  it('names both timestamps and the key in its message', async () => {
    const { reports } = await checkFileRule(skewPointInTimeJoin, fixtureText(`${FOLDER}/positive.py`));
    assert.match(
      reports[0]?.message ?? '',
      /^labels and usage both carry timestamps \(event_time and feature_time\) but are joined on customer_id alone/,
    );
  });

  it('rewrites each merge to pd.merge_asof over sorted frames, by the key, as of each side’s time', async () => {
    const { text, remaining } = await fixUntilClean(
      skewPointInTimeJoin,
      fixtureText(`${FOLDER}/positive.py`),
    );
    assert.deepEqual(remaining, []);
    assert.match(
      text,
      /pd\.merge_asof\(labels\.sort_values\("event_time"\), usage\.sort_values\("feature_time"\), by="customer_id", left_on="event_time", right_on="feature_time", direction="backward"\)/,
    );
    assert.match(
      text,
      /left_by="customer_id", right_by="account"/,
      'different key names use left_by/right_by',
    );
    assert.match(text, /by=\["customer_id"\], on="ts"/, 'one timestamp name uses on=');
    assertGolden(`${FOLDER}/positive.py`, text);
  });

  it('rewrites a Feast online read to get_historical_features with an event_timestamp column; the online table has no fix', async () => {
    const { text, remaining } = await fixUntilClean(
      skewPointInTimeJoin,
      fixtureText(`${FOLDER}/feast_positive.py`),
    );
    assert.match(
      text,
      /store\.get_historical_features\(entity_df=labels\[\["customer_id", "event_time"\]\]\.rename\(columns=\{"event_time": "event_timestamp"\}\), features=\["customer_usage:monthly_minutes", "customer_usage:open_tickets"\]\)\.to_df\(\)/,
    );
    assert.equal(remaining.length, 1);
    assert.match(remaining[0]?.message ?? '', /online feature table.*no automatic fix/);
    assertGolden(`${FOLDER}/feast_positive.py`, text);
  });

  it('rewrites a join onto a frame indexed by its key column; an index of unknown columns has no fix', async () => {
    const file = `${FOLDER}/join_on_index.py`;
    await assertMatchesExpectations(skewPointInTimeJoin, fixtureText(file), file);
    const { text, remaining } = await fixUntilClean(skewPointInTimeJoin, fixtureText(file));
    assert.match(
      text,
      /pd\.merge_asof\(orders\.sort_values\("ordered_at"\), profiles\.sort_values\("computed_at"\), by="customer_id", left_on="ordered_at", right_on="computed_at", direction="backward", suffixes=\("", "_profile"\)\)/,
    );
    assert.match(text, /left_by="customer_id", right_by="account"/);
    assert.equal(remaining.length, 1);
    assert.match(
      remaining[0]?.message ?? '',
      /no automatic fix: the right key is an index of unknown columns/,
    );
    assertGolden(file, text);
  });

  it('adds the pandas import when the file never imports pandas, and parses times only named like timestamps', async () => {
    const text =
      'def build(labels, usage):\n    labels["event_time"] = labels["event_time"]\n    usage["feature_time"] = usage["feature_time"]\n    return labels.merge(usage, on="customer_id")\n';
    const { text: fixed } = await fixUntilClean(skewPointInTimeJoin, text);
    assert.match(fixed, /^import pandas as pd\n/);
    assert.match(
      fixed,
      /return pd\.merge_asof\(labels\.assign\(event_time=pd\.to_datetime\(labels\["event_time"\]\)\)\.sort_values\("event_time"\), usage\.assign\(feature_time=pd\.to_datetime\(usage\["feature_time"\]\)\)\.sort_values\("feature_time"\)/,
    );
  });

  it('reports a join in a notebook cell at its place in the cell', async () => {
    const parser = await createTestParser();
    const uri = 'file:///w/features.ipynb';
    const facts = analyseNotebookCells(parser, uri, [
      {
        index: 0,
        text: 'import pandas as pd\nlabels = pd.read_csv("labels.csv", parse_dates=["event_time"])',
      },
      {
        index: 1,
        text: '# features\nusage = pd.read_csv("usage.csv", parse_dates=["feature_time"])\ntrain = labels.merge(usage, on="customer_id")',
      },
    ]);
    const reports = skewPointInTimeJoin.check(facts, contextFor(new Map()));
    assert.equal(reports.length, 1);
    assert.ok(facts.notebook);
    const place = toCellLocation(facts.notebook, reports[0]?.range ?? assert.fail());
    assert.deepEqual(place, {
      cellIndex: 1,
      cellUri: null,
      range: { start: { line: 2, character: 8 }, end: { line: 2, character: 45 } },
    });
  });
});
