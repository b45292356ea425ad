/**
 * The fixes of repro/tuning-on-test-set. Early stopping gets a validation split carved out of
 * the training split (`X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, ...)`
 * after the train/test split) and watches it instead of the test split; a hyper-parameter search
 * runs on the training split, inside which it cross-validates. Both change what the model is
 * trained on, so neither is safe to apply unasked.
 */
import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, Range } from '../../engine/types.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { TestSplitUseFact, TrainTestSplitFact } from '../facts/test-split-use.ts';

/** `X_test` → `X_val`, `test_df` → `val_df`; a name without "test" gets `_val` on its train name. */
export function validationName(test: string, train: string): string {
  const renamed = test.replace(/test/, 'val').replace(/Test/, 'Val').replace(/TEST/, 'VAL');
  return renamed !== test ? renamed : `${train}_val`;
}

function wordPattern(names: readonly string[]): RegExp {
  return new RegExp(`(?<![\\w.])(${names.map((n) => n.replace(/\W/g, '')).join('|')})\\b`, 'g');
}

/** The split before the use that produced every test name the use reads. */
function splitFor(facts: PythonFileFacts, use: TestSplitUseFact): TrainTestSplitFact | undefined {
  return facts.testSplit.splits.findLast(
    (split) =>
      split.statementRange.end.line < use.range.start.line &&
      (split.scope === null || split.scope === use.scope) &&
      use.testNames.every((name) => split.pairs.some((p) => p.test === name)),
  );
}

function renameIn(lines: LineIndex, range: Range, names: ReadonlyMap<string, string>) {
  const before = lines.text.slice(lines.offset(range.start), lines.offset(range.end));
  const after = before.replace(wordPattern([...names.keys()]), (name) => names.get(name) ?? name);
  return { range, newText: after };
}

export function watchValidationSplitFix(facts: PythonFileFacts, text: string, use: TestSplitUseFact): Fix[] {
  const split = splitFor(facts, use);
  if (!split) return [];
  const pairs = split.pairs.map((p) => ({ ...p, val: validationName(p.test, p.train) }));
  if (pairs.some((p) => wordPattern([p.val]).test(text))) return [];
  const lines = new LineIndex(text);
  const seed = split.call.arguments.keywords.find((k) => k.name === 'random_state')?.text ?? '0';
  const targets = pairs.map((p) => `${p.train}, ${p.val}`).join(', ');
  const sources = pairs.map((p) => p.train).join(', ');
  const line = `${split.indent}${targets} = ${split.call.calleeText}(${sources}, test_size=0.2, random_state=${seed})${lines.eol}`;
  const renamed = new Map(pairs.map((p) => [p.test, p.val]));
  return [
    {
      title: `Split a validation set off the training split and watch it instead of ${use.testNames.join(', ')}`,
      safe: false,
      changes: [
        {
          uri: facts.uri,
          edits: [
            { range: { start: split.after, end: split.after }, newText: line },
            renameIn(lines, use.range, renamed),
          ],
        },
      ],
    },
  ];
}

export function searchOnTrainingSplitFix(facts: PythonFileFacts, text: string, use: TestSplitUseFact): Fix[] {
  const split = splitFor(facts, use);
  if (!split) return [];
  const renamed = new Map(split.pairs.map((p) => [p.test, p.train]));
  return [
    {
      title: 'Search on the training split (the search cross-validates inside it)',
      safe: false,
      changes: [{ uri: facts.uri, edits: [renameIn(new LineIndex(text), use.range, renamed)] }],
    },
  ];
}
