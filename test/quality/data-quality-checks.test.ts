import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { DataCheckResult } from '../../daemon/api/contract.ts';
import { dataSchemaOf } from '../../daemon/quality/data-schema.ts';
import { evaluateSuite, parseExpectationSuite } from '../../daemon/quality/expectation-suite.ts';
import { frameOfRows } from '../../daemon/quality/frame-columns.ts';
import { checkFrame } from '../../daemon/quality/schema-checks.ts';
import { FAULTS, PRODUCTION_ROWS, productionRows, rowsWhere, trainingColumns } from './churn-frames.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));

function find(checks: DataCheckResult[], check: DataCheckResult['check'], column: string): DataCheckResult {
  const found = checks.find((c) => c.check === check && c.column === column);
  assert.ok(found, `no ${check} check of ${column}`);
  return found;
}

test('the training schema records types, null rates, ranges, categories and text lengths', () => {
  const schema = dataSchemaOf(trainingColumns());
  assert.equal(schema.row_count, 500);
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  assert.deepEqual(byName.get('tenure'), { name: 'tenure', type: 'number', null_rate: 0, min: 0, max: 72 });
  assert.deepEqual(byName.get('plan')?.categories, ['basic', 'plus', 'pro']);
  assert.equal(byName.get('comment')?.null_rate, 100 / 500);
  assert.equal(byName.get('comment')?.min_length, 2);
  assert.equal(byName.get('comment')?.max_length, 8);
  assert.equal(byName.get('monthly_charges')?.min, 20.5);
  assert.equal(byName.get('monthly_charges')?.max, 119.5);
});

test('production rows are checked against the schema with exact counts and capped examples', () => {
  const checks = checkFrame(frameOfRows(productionRows()), dataSchemaOf(trainingColumns()), undefined);

  const missing = find(checks, 'missing_column', 'region');
  assert.equal(missing.verdict, 'fail');
  assert.equal(missing.offending_rows, PRODUCTION_ROWS);
  const extra = find(checks, 'extra_column', 'debug_flag');
  assert.equal(extra.verdict, 'fail');
  assert.equal(extra.offending_rows, rowsWhere(FAULTS.debugFlag));

  const range = find(checks, 'out_of_range', 'tenure');
  assert.equal(range.offending_rows, rowsWhere(FAULTS.tenureOutOfRange));
  assert.equal(range.verdict, 'fail');
  assert.deepEqual(range.examples, ['100', '150', '200', '250', '300']);
  const tenureNulls = find(checks, 'null_spike', 'tenure');
  assert.equal(tenureNulls.offending_rows, rowsWhere(FAULTS.tenureNull));
  assert.equal(tenureNulls.verdict, 'pass', 'a 1% rise is under the 5% threshold');

  const unseen = find(checks, 'unseen_category', 'plan');
  assert.equal(unseen.offending_rows, rowsWhere(FAULTS.planUnseen));
  assert.equal(unseen.verdict, 'fail');
  assert.deepEqual(unseen.examples, Array(5).fill('enterprise'));
  assert.equal(find(checks, 'null_spike', 'plan').offending_rows, rowsWhere(FAULTS.planNull));

  const typed = find(checks, 'type_change', 'monthly_charges');
  assert.equal(typed.offending_rows, rowsWhere(FAULTS.chargesAsText));
  assert.equal(typed.verdict, 'fail');
  assert.deepEqual(typed.examples.slice(0, 2), ['25.5', '25.5']);
  assert.equal(find(checks, 'out_of_range', 'monthly_charges').offending_rows, 0);
  assert.equal(find(checks, 'type_change', 'tenure').verdict, 'pass');

  const lengths = find(checks, 'text_length', 'comment');
  assert.equal(lengths.offending_rows, rowsWhere(FAULTS.commentTooLong));
  assert.equal(lengths.examples[0]?.length, 40, 'examples are cut to 40 characters');
  assert.ok(lengths.examples[0]?.endsWith('…'));
  const comment = find(checks, 'null_spike', 'comment');
  assert.equal(comment.offending_rows, 0);
  assert.equal(comment.verdict, 'pass');
});

test('a null spike fails when the null rate rises more than the threshold', () => {
  const rows = productionRows().map((row, i) => (i % 10 < 2 ? { ...row, tenure: null } : row));
  const spike = find(
    checkFrame(frameOfRows(rows), dataSchemaOf(trainingColumns()), undefined),
    'null_spike',
    'tenure',
  );
  assert.equal(spike.offending_rows, 200 + rowsWhere(FAULTS.tenureNull));
  assert.equal(spike.verdict, 'fail');
  assert.ok(Math.abs(spike.observed - (200 + rowsWhere(FAULTS.tenureNull)) / PRODUCTION_ROWS) < 1e-12);
});

test('the registry signature is the serving contract: its columns must be present', () => {
  const checks = checkFrame(frameOfRows(productionRows()), undefined, ['tenure', 'plan', 'contract_type']);
  const missing = find(checks, 'missing_column', 'contract_type');
  assert.match(missing.detail, /registry signature/);
  assert.equal(find(checks, 'extra_column', 'monthly_charges').offending_rows, PRODUCTION_ROWS);
});

test('a Great Expectations 0.18 suite: failed expectations with unexpected counts; unknown types not evaluated', () => {
  const suite = parseExpectationSuite(fixture('churn_serving.ge-0.18.json'));
  const result = evaluateSuite(frameOfRows(productionRows()), suite);
  assert.equal(result.suite_name, 'churn_serving.warning');
  const verdicts = result.results.map((r) => [r.expectation_type, r.verdict, r.unexpected_count]);
  assert.deepEqual(verdicts, [
    ['expect_table_columns_to_match_set', 'fail', undefined],
    ['expect_column_to_exist', 'pass', undefined],
    ['expect_column_to_exist', 'fail', undefined],
    ['expect_column_values_to_not_be_null', 'pass', rowsWhere(FAULTS.tenureNull)],
    ['expect_column_values_to_not_be_null', 'fail', rowsWhere(FAULTS.planNull)],
    ['expect_column_values_to_be_between', 'fail', rowsWhere(FAULTS.tenureOutOfRange)],
    ['expect_column_values_to_be_in_set', 'fail', rowsWhere(FAULTS.planUnseen)],
    ['expect_column_values_to_be_of_type', 'fail', rowsWhere(FAULTS.chargesAsText)],
    ['expect_column_value_lengths_to_be_between', 'fail', rowsWhere(FAULTS.commentTooLong)],
    ['expect_column_kl_divergence_to_be_less_than', 'not_evaluated', undefined],
  ]);
  assert.deepEqual([result.evaluated, result.failed, result.not_evaluated], [9, 7, 1]);
  const between = result.results[5];
  assert.equal(
    between?.element_count,
    PRODUCTION_ROWS - rowsWhere(FAULTS.tenureNull),
    'nulls are not elements',
  );
  assert.match(result.results[0]?.detail ?? '', /extra: debug_flag/);
});

test('a Great Expectations 1.x suite (name, type) is read the same way', () => {
  const result = evaluateSuite(
    frameOfRows(productionRows()),
    parseExpectationSuite(fixture('churn_serving.gx-1.json')),
  );
  assert.equal(result.suite_name, 'churn_serving');
  assert.deepEqual(
    result.results.map((r) => [r.verdict, r.unexpected_count]),
    [
      ['fail', rowsWhere(FAULTS.chargesAsText)],
      ['pass', 0],
    ],
  );
});

test('a suite that is not a suite is refused with where it is wrong', () => {
  assert.throws(() => parseExpectationSuite({ expectations: [] }), /no 'expectation_suite_name'/);
  assert.throws(
    () => parseExpectationSuite({ expectation_suite_name: 's', expectations: [{ kwargs: {} }] }),
    /expectations\[0\]' has no 'expectation_type'/,
  );
  const frame = frameOfRows(productionRows());
  assert.throws(
    () =>
      evaluateSuite(frame, {
        name: 's',
        expectations: [
          { type: 'expect_column_values_to_be_between', kwargs: { column: 'tenure', min_value: 'zero' } },
        ],
      }),
    /expectations\[0\] \(expect_column_values_to_be_between\): 'min_value' must be a number/,
  );
});
