import type { Node } from 'web-tree-sitter';
import type { Range } from '../../engine/types.ts';
import type { TestSplitFacts, TestSplitUseFact, TrainTestSplitFact } from '../facts/test-split-use.ts';
import { endOf, enclosingStatement, namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import { lastSegment, type FileContext } from './file-context.ts';
import { TestData } from './test-data.ts';

/** The second output of a split that is not the final test split: a validation or a remainder. */
const NOT_TEST_NAME = /val|dev|tun|calib|temp|tmp|rest|remain|holdout_pool/i;
/** Keywords through which a library evaluates during training to stop early or keep the best. */
const EVAL_KEYWORDS = new Set([
  'eval_set',
  'validation_data',
  'eval_dataset',
  'valid_sets',
  'evals',
  'val_dataloaders',
]);
const EVAL_KEYWORD_IN_TEXT = new RegExp(`\\b(${[...EVAL_KEYWORDS].join('|')})\\s*=`);
/** Calls and keywords that make the evaluation data choose something: stop early, keep the best. */
const EARLY_STOPPING_CALLS = new Set([
  'EarlyStopping',
  'early_stopping',
  'EarlyStoppingCallback',
  'ModelCheckpoint',
]);
const EARLY_STOPPING_KEYWORDS = new Set([
  'early_stopping_rounds',
  'load_best_model_at_end',
  'use_best_model',
  'early_stopping_patience',
]);
const SEARCH_CLASSES = new Set([
  'GridSearchCV',
  'RandomizedSearchCV',
  'HalvingGridSearchCV',
  'HalvingRandomSearchCV',
  'BayesSearchCV',
  'TunedThresholdClassifierCV',
]);
const THRESHOLD_CURVES = new Set(['roc_curve', 'precision_recall_curve', 'det_curve']);
const PICKS = new Set(['max', 'min', 'sorted']);
const ARG_PICKS = new Set(['argmax', 'argmin', 'nanargmax', 'nanargmin', 'idxmax', 'idxmin']);
const ORDERING = /^(<|>|<=|>=)$/;

/**
 * The train/test splits of a file, and the calls and comparisons in which test data steers a
 * choice: evaluation data of early stopping, the data of a search's `fit`, a threshold read off a
 * ROC or precision-recall curve, and the best candidate or checkpoint picked by a test score.
 */
export function extractTestSplitUse(context: FileContext, text: string): TestSplitFacts {
  if (!/test|train_test_split/i.test(text)) return EMPTY_TEST_SPLIT;
  const data = new TestData();
  const splits: TrainTestSplitFact[] = [];
  const searches = new Set<string>();
  const stoppers = new Set<string>();
  for (const { node, scope } of context.buckets.assignments) {
    if (context.expired()) break;
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    if (!right || !left) continue;
    const targets = targetNames(left);
    const callee = right.type === 'call' ? lastSegment(context.callee(right)) : '';
    if (callee === 'train_test_split' && targets.length >= 2 && targets.length % 2 === 0) {
      const tainted = data.readIn(right).length > 0;
      const split = splitOf(context, node, right, targets, scope);
      splits.push(split);
      for (const [i, name] of targets.entries()) {
        const test = i % 2 === 1 && !NOT_TEST_NAME.test(name);
        if (tainted || test) data.add(name, rangeOf(node));
      }
      continue;
    }
    if (SEARCH_CLASSES.has(callee) && left.type === 'identifier') searches.add(left.text);
    if (right.type === 'call' && left.type === 'identifier' && stopsEarly(context, right))
      stoppers.add(left.text);
    if (data.readIn(right).length > 0) for (const name of targets) data.add(name, rangeOf(node));
  }
  for (const { node } of context.buckets.calls) {
    // `scores.append(model.score(X_test, y_test))` gathers test scores in `scores`.
    const method = context.method(node);
    if (method === null || !/^(append|extend|add|insert)$/.test(method)) continue;
    const object = node.childForFieldName('function')?.childForFieldName('object');
    const args = node.childForFieldName('arguments');
    if (object?.type !== 'identifier' || !args) continue;
    if (data.readIn(args).length > 0) data.add(object.text, rangeOf(node));
  }
  for (const { node } of context.buckets.forStatements) {
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    if (right && left && data.readIn(right).length > 0)
      for (const name of targetNames(left)) data.add(name, rangeOf(right));
  }
  const uses = [...callUses(context, text, data, searches, stoppers), ...comparisonUses(context, data)].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { splits, uses };
}

function callUses(
  context: FileContext,
  text: string,
  data: TestData,
  searches: ReadonlySet<string>,
  stoppers: ReadonlySet<string>,
): TestSplitUseFact[] {
  const uses: TestSplitUseFact[] = [];
  // Keyword arguments are looked at only in a file that passes evaluation data at all.
  const passesEvaluationData = EVAL_KEYWORD_IN_TEXT.test(text);
  const curveThresholds: string[] = [];
  const pickCalls: { node: Node; scope: string | null; names: string[] }[] = [];
  for (const { node, scope } of context.buckets.calls) {
    if (context.expired()) break;
    const qualified = context.callee(node);
    const name = lastSegment(qualified);
    const args = node.childForFieldName('arguments');
    if (!args) continue;
    for (const argument of passesEvaluationData ? namedChildrenOf(args) : []) {
      if (argument.type !== 'keyword_argument') continue;
      const key = argument.childForFieldName('name')?.text ?? '';
      const value = argument.childForFieldName('value');
      if (!EVAL_KEYWORDS.has(key) || !value) continue;
      const names = data.readIn(value);
      if (names.length > 0 && selectsOnEvaluation(context, node, stoppers))
        uses.push(use(context, 'early-stopping', rangeOf(value), node, scope, key, names, data));
    }
    if (name === 'fit' && isSearch(context, node, searches)) {
      const names = data.readIn(args);
      if (names.length > 0)
        uses.push(use(context, 'model-search', rangeOf(args), node, scope, null, names, data));
      continue;
    }
    if (THRESHOLD_CURVES.has(name)) {
      const thresholds = curveThresholdsName(node);
      const names = data.readIn(args);
      if (thresholds && names.length > 0 && readAfter(context, thresholds, node)) {
        curveThresholds.push(thresholds);
        uses.push(use(context, 'threshold-curve', rangeOf(node), node, scope, null, names, data));
      }
      continue;
    }
    if (PICKS.has(qualified)) {
      const key = namedChildrenOf(args).find(
        (a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'key',
      );
      const names = key ? data.readIn(key) : [];
      if (names.length > 0)
        uses.push(use(context, 'best-by-test-score', rangeOf(node), node, scope, null, names, data));
      continue;
    }
    if (ARG_PICKS.has(name)) {
      const names = data.readIn(args);
      if (names.length > 0) pickCalls.push({ node, scope, names });
    }
  }
  // An arg-max over a curve's scores is the threshold choice already reported at the curve.
  for (const { node, scope, names } of pickCalls) {
    const statement = enclosingStatement(node).text;
    if (curveThresholds.some((t) => new RegExp(`\\b${t}\\b`).test(statement))) continue;
    uses.push(use(context, 'best-by-test-score', rangeOf(node), node, scope, null, names, data));
  }
  return uses;
}

/** `if score > best_score: best_score = score; best_model = model` in a loop, with a test score. */
function comparisonUses(context: FileContext, data: TestData): TestSplitUseFact[] {
  const uses: TestSplitUseFact[] = [];
  for (const { node, scope } of context.buckets.forStatements) {
    if (context.expired()) break;
    const loopBody = node.childForFieldName('body') ?? node;
    if (!data.mayBeIn(loopBody.text)) continue;
    const stack: Node[] = namedChildrenOf(loopBody);
    for (let steps = 0; stack.length > 0 && steps < 20_000; steps++) {
      const current = stack.pop();
      if (!current || current.type === 'function_definition' || current.type === 'for_statement') continue;
      if (current.type === 'if_statement') {
        const condition = current.childForFieldName('condition');
        const body = current.childForFieldName('consequence');
        if (condition && body && isOrdering(condition) && keepsSomething(body)) {
          const names = data.readIn(condition);
          if (names.length > 0)
            uses.push(use(context, 'best-by-test-score', rangeOf(condition), null, scope, null, names, data));
        }
      }
      for (const child of namedChildrenOf(current)) stack.push(child);
    }
  }
  return uses;
}

function use(
  context: FileContext,
  kind: TestSplitUseFact['kind'],
  range: Range,
  call: Node | null,
  scope: string | null,
  key: string | null,
  names: string[],
  data: TestData,
): TestSplitUseFact {
  const direct = names.filter((n) => data.origin(n) === null);
  // The earliest place the test data came in: `score = f1(y_test, ...)`, not `best = score` after it.
  const origins = names.flatMap((n) => data.origin(n) ?? []);
  origins.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  const origin = direct.length > 0 ? null : (origins[0] ?? null);
  return {
    kind,
    range,
    call: call ? context.call(call, scope) : null,
    keyword: key,
    testNames: [...names].sort(),
    origin,
    scope,
  };
}

/** Names bound by an assignment or loop target: `a`, `a, b`, `(a, b)`, `a[i]` (its base `a`). */
function targetNames(left: Node): string[] {
  if (left.type === 'identifier') return [left.text];
  if (left.type === 'subscript') {
    const value = left.childForFieldName('value');
    return value?.type === 'identifier' ? [value.text] : [];
  }
  if (/^(pattern_list|tuple_pattern|list_pattern|tuple|list|expression_list)$/.test(left.type))
    return namedChildrenOf(left).flatMap((child) => (child.type === 'identifier' ? [child.text] : []));
  return [];
}

function splitOf(
  context: FileContext,
  statement: Node,
  call: Node,
  targets: string[],
  scope: string | null,
): TrainTestSplitFact {
  const pairs: { train: string; test: string }[] = [];
  for (let i = 0; i + 1 < targets.length; i += 2)
    pairs.push({ train: targets[i] ?? '', test: targets[i + 1] ?? '' });
  const whole = enclosingStatement(statement);
  return {
    call: context.call(call, scope),
    pairs,
    statementRange: rangeOf(whole),
    indent: ' '.repeat(whole.startPosition.column),
    after: { line: endOf(whole).line + 1, character: 0 },
    scope,
  };
}

/** The call itself stops early or keeps the best: `EarlyStopping(...)`, `fit(early_stopping_rounds=20)`. */
function stopsEarly(context: FileContext, call: Node): boolean {
  if (EARLY_STOPPING_CALLS.has(lastSegment(context.callee(call)))) return true;
  const args = call.childForFieldName('arguments');
  return (args ? namedChildrenOf(args) : []).some((argument) => {
    if (argument.type !== 'keyword_argument') return false;
    const key = argument.childForFieldName('name')?.text ?? '';
    const value = argument.childForFieldName('value')?.text ?? '';
    return EARLY_STOPPING_KEYWORDS.has(key) && value !== 'None' && value !== 'False';
  });
}

/**
 * Evaluation data chooses something only with early stopping or best-model keeping: in the call
 * (`callbacks=[EarlyStopping()]`, `early_stopping_rounds=`), through a name bound to such a call
 * (`stop = EarlyStopping(...)`, `args = TrainingArguments(load_best_model_at_end=True)`), or on the
 * estimator whose method it is (`XGBClassifier(early_stopping_rounds=20)` then `.fit`).
 */
function selectsOnEvaluation(context: FileContext, call: Node, stoppers: ReadonlySet<string>): boolean {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  if (receiver?.type === 'identifier' && stoppers.has(receiver.text)) return true;
  if (receiver?.type === 'call' && stopsEarly(context, receiver)) return true;
  const stack: Node[] = [call];
  for (let steps = 0; stack.length > 0 && steps < 5_000; steps++) {
    const current = stack.pop();
    if (!current) break;
    if (current.type === 'identifier' && stoppers.has(current.text)) return true;
    if (current.type === 'call' && stopsEarly(context, current)) return true;
    if (current.type === 'call' && current.id !== call.id) {
      const inner = current.childForFieldName('arguments');
      if (inner) stack.push(inner);
      continue;
    }
    for (const child of namedChildrenOf(current)) stack.push(child);
  }
  return false;
}

/** `search.fit(...)` where `search = GridSearchCV(...)`, or `GridSearchCV(...).fit(...)`. */
function isSearch(context: FileContext, call: Node, searches: ReadonlySet<string>): boolean {
  const object = call.childForFieldName('function')?.childForFieldName('object');
  if (!object) return false;
  if (object.type === 'identifier') return searches.has(object.text);
  return object.type === 'call' && SEARCH_CLASSES.has(lastSegment(context.callee(object)));
}

/** `fpr, tpr, thresholds = roc_curve(...)`: the thresholds name, when it is kept. */
function curveThresholdsName(call: Node): string | null {
  const assignment = call.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== call.id) return null;
  const left = assignment.childForFieldName('left');
  const names = left ? targetNames(left) : [];
  const last = names.length === 3 ? names[2] : undefined;
  return last && last !== '_' ? last : null;
}

/** The name is read after the statement that binds it. */
function readAfter(context: FileContext, name: string, call: Node): boolean {
  const after = enclosingStatement(call).endIndex;
  return context.buckets.subscripts.some(
    ({ node }) => node.startIndex >= after && node.childForFieldName('value')?.text === name,
  );
}

function isOrdering(condition: Node): boolean {
  if (condition.type === 'boolean_operator') return namedChildrenOf(condition).some((c) => isOrdering(c));
  if (condition.type !== 'comparison_operator') return false;
  return condition.children.some((c) => c !== null && ORDERING.test(c.type));
}

/** The branch keeps a candidate: it assigns something, or saves a model or checkpoint. */
function keepsSomething(body: Node): boolean {
  return namedChildrenOf(body).some((statement) => {
    const expression = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (expression?.type === 'assignment') return true;
    return expression?.type === 'call' && /save/i.test(expression.childForFieldName('function')?.text ?? '');
  });
}

export const EMPTY_TEST_SPLIT: TestSplitFacts = { splits: [], uses: [] };
