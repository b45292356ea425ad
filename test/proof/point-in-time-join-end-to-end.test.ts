/**
 * The proof that skew/point-in-time-join matters: the example's training table, built with a
 * plain merge, gives every churn event usage from after it (churned customers all show zero
 * logins, a label leak); after the rule's quick-fix (pd.merge_asof) is applied and the script
 * re-run with python3 and pandas, no event sees a later snapshot and the finding is gone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import { skewPointInTimeJoin } from '../../server/python/rules/skew-point-in-time-join.ts';
import { contextFor } from '../python/rule-harness.ts';
import { createTestParser } from '../python/python-parser-setup.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = 'build_training_table.py';
const python = ['/usr/bin/python3', 'python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import pandas']).status === 0,
);
if (!python) process.stdout.write('# point-in-time proof skipped: no python3 can import pandas\n');

interface TableRow {
  readonly eventTime: string;
  readonly snapshotDate: string;
  readonly churned: boolean;
  readonly logins: number;
}

function buildTable(project: string): TableRow[] {
  const result = spawnSync(python ?? 'python3', [SCRIPT], { cwd: project, encoding: 'utf8' });
  assert.equal(result.status, 0, `${SCRIPT} failed:\n${result.stdout}\n${result.stderr}`);
  const [header, ...lines] = readFileSync(path.join(project, 'artifacts', 'training_table.csv'), 'utf8')
    .trim()
    .split('\n');
  const columns = (header ?? '').split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    return {
      eventTime: cells[at('event_time')] ?? '',
      snapshotDate: cells[at('snapshot_date')] ?? '',
      churned: cells[at('churned')] === '1',
      logins: Number(cells[at('weekly_logins')]),
    };
  });
}

describe('point-in-time join, end to end', { skip: python === undefined }, () => {
  let project: string;

  before(() => {
    project = path.join(mkdtempSync(path.join(tmpdir(), 'mlops-lens-pit-')), 'churn');
    cpSync(path.join(ROOT, 'examples', 'churn'), project, {
      recursive: true,
      filter: (source) => !/(artifacts|__pycache__)$/.test(source),
    });
  });

  after(() => rmSync(path.dirname(project), { recursive: true, force: true }));

  it('the plain merge gives events usage from after them, and churn shows as zero logins', () => {
    const rows = buildTable(project);
    assert.equal(rows.length, 200);
    assert.ok(
      rows.every((r) => r.snapshotDate > r.eventTime),
      'every event got its last snapshot, after the event',
    );
    const churned = rows.filter((r) => r.churned);
    assert.ok(churned.length > 0);
    assert.ok(
      churned.every((r) => r.logins === 0),
      'a leaked label: every churned customer has zero logins',
    );
  });

  it('after the quick-fix, no event sees a later snapshot and the finding is gone', async () => {
    const file = path.join(project, SCRIPT);
    const uri = pathToFileURL(file).href;
    const parser = await createTestParser();
    const text = readFileSync(file, 'utf8');
    const [report, ...others] = skewPointInTimeJoin.check(
      analysePythonText(parser, uri, text),
      contextFor(new Map([[uri, text]])),
    );
    assert.equal(others.length, 0);
    const edits = report?.fixes?.[0]?.changes.find((c) => c.uri === uri)?.edits ?? assert.fail('no fix');
    const fixed = applyEdits(text, edits).text;
    writeFileSync(file, fixed);
    assert.deepEqual(
      skewPointInTimeJoin.check(analysePythonText(parser, uri, fixed), contextFor(new Map([[uri, fixed]]))),
      [],
    );
    const rows = buildTable(project);
    assert.equal(rows.length, 200, 'still one row per event');
    assert.ok(
      rows.every((r) => r.snapshotDate <= r.eventTime),
      'every snapshot is at or before its event',
    );
    const churned = rows.filter((r) => r.churned);
    assert.ok(
      churned.filter((r) => r.logins === 0).length < churned.length / 4,
      'churned customers show the usage they had before deciding',
    );
  });
});
