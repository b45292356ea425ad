import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { Fix } from '../../server/engine/types.ts';
import { PythonWorkspaceSession, type PythonFinding } from '../../server/python/python-workspace-session.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';

const FOLDER = 'rules/skew-shared-preprocessing';
const ROOT = 'file:///w';
const uriOf = (file: string): string => `${ROOT}/${file}`;
const RULE = 'skew/divergent-transform';

async function session(texts: ReadonlyMap<string, string>): Promise<PythonWorkspaceSession> {
  const s = new PythonWorkspaceSession(await createTestParser(), { roots: [ROOT] });
  s.loadAll(texts);
  return s;
}

function divergences(s: PythonWorkspaceSession): PythonFinding[] {
  return s.findingsFor(uriOf('serve.py')).filter((f) => f.ruleId === RULE);
}

/** Applies a multi-file fix to the texts: edited files and created ones. */
function applyFix(texts: Map<string, string>, fix: Fix): Map<string, string> {
  const out = new Map(texts);
  for (const change of fix.changes) {
    const before = change.create ? '' : out.get(change.uri);
    assert.ok(before !== undefined, `${change.uri} exists`);
    assert.equal(change.create === true, !texts.has(change.uri), `${change.uri}: created only when new`);
    const { text, skipped } = applyEdits(before, change.edits);
    assert.deepEqual(skipped, [], 'no overlapping edits');
    out.set(change.uri, text);
  }
  return out;
}

/** Compares with `<folder>.fixed/<file>` (`UPDATE_GOLDEN=1` writes it). */
function assertGoldenFile(file: string, actual: string): void {
  const golden = path.join(FIXTURES, `${FOLDER}.fixed`, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(golden), { recursive: true });
    writeFileSync(golden, actual);
  }
  assert.ok(existsSync(golden), `missing golden file ${golden} (UPDATE_GOLDEN=1 writes it)`);
  assert.equal(actual, readFileSync(golden, 'utf8'), `${file} differs from its golden file`);
}

describe('skew/divergent-transform: a shared preprocessing module, applied and re-checked', () => {
  it("creates features.py with training's column preparation; training and serving import and call it", async () => {
    const texts = new Map(['train.py', 'serve.py'].map((f) => [uriOf(f), fixtureText(`${FOLDER}/${f}`)]));
    const before = await session(texts);
    const findings = divergences(before);
    assert.deepEqual(
      findings.map((f) => f.message.split(':')[0]),
      ['debt', 'debt', 'region', 'income'],
      findings.map((f) => f.message).join('\n'),
    );
    const debt = findings[0];
    const fix = debt?.fixes?.find((f) => f.title.includes('features.py'));
    assert.ok(fix, (debt?.fixes ?? []).map((f) => f.title).join(', '));
    assert.equal(fix.safe, false, 'offered in the editor; check --fix leaves it');
    const fixed = applyFix(texts, fix);
    for (const file of ['features.py', 'train.py', 'serve.py'])
      assertGoldenFile(file, fixed.get(uriOf(file)) ?? '');

    const module = fixed.get(uriOf('features.py')) ?? '';
    assert.match(module, /^def prepare_features\(frame\):$/m);
    assert.match(module, /^ {4}frame\["debt"\] = np\.log1p\(frame\["debt"\]\)$/m);
    // Learned from the data: the median fill stays in training, and stays a finding.
    assert.doesNotMatch(module, /median/);
    const train = fixed.get(uriOf('train.py')) ?? '';
    assert.match(train, /^from features import prepare_features$/m);
    assert.match(
      train,
      /^df = pd\.read_csv\("data\/credit\.csv"\)\ndf = prepare_features\(df\)\ndf\["income"\] = /m,
    );
    assert.match(
      fixed.get(uriOf('serve.py')) ?? '',
      /prepared = prepare_features\(pd\.DataFrame\(\[payload\]\)\)\.iloc\[0\]\n {4}debt = prepared\["debt"\]/,
    );

    const after = await session(fixed);
    assert.deepEqual(
      divergences(after).map((f) => f.message.split(':')[0]),
      ['income'],
      divergences(after)
        .map((f) => f.message)
        .join('\n'),
    );
    assert.ok(
      !after.findingsFor(uriOf('features.py')).some((f) => f.ruleId.startsWith('skew/')),
      'the shared module is neither side',
    );
  });

  it('picks another module name when features.py exists, and offers nothing for a fill learned from the data', async () => {
    const texts = new Map([
      ...['train.py', 'serve.py'].map((f): [string, string] => [uriOf(f), fixtureText(`${FOLDER}/${f}`)]),
      [uriOf('features.py'), 'FEATURES = ["debt", "income"]\n'],
    ]);
    const findings = divergences(await session(texts));
    const titles = (feature: string): string[] =>
      findings
        .filter((f) => f.message.startsWith(`${feature}:`))
        .flatMap((f) => f.fixes ?? [])
        .map((f) => f.title);
    assert.ok(
      titles('region').some((t) => t.includes('preprocessing.py')),
      titles('region').join(', '),
    );
    assert.ok(!titles('income').some((t) => t.includes('.py and call it')), titles('income').join(', '));
  });
});
