/**
 * The fix of skew/divergent-transform and skew/reimplemented-transform that removes the cause:
 * a new module (`features.py`, or `preprocessing.py` when that name is taken) beside both files
 * holds one function, `prepare_features(frame)`, with the training side's column statements;
 * training calls it instead of those statements, and serving runs the request through it
 * (`prepare_features(pd.DataFrame([payload])).iloc[0]`) and reads each feature from the result.
 *
 * Only statements that depend on nothing but the column and numpy/pandas are moved (a fill with
 * the column's median is learned from the data and stays a finding); only serving expressions
 * that do no more than training's statements are replaced.
 */
import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, TextEdit } from '../../engine/types.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { FeatureTransformFact } from '../facts/feature-transform.ts';
import type { PythonRuleContext } from './python-rule.ts';

const MODULE_NAMES = ['features', 'preprocessing', 'shared_preprocessing'];
const FUNCTION = 'prepare_features';
const FRAME = 'frame';
const LIBRARIES = new Set(['numpy', 'pandas', 'math']);
const LEARNED = /\.(mean|median|mode|std|var|quantile|min|max|sum|count|nunique|value_counts|agg)\(/;
const KEYWORDS = new Set(['True', 'False', 'None', 'and', 'or', 'not', 'in', 'is', 'if', 'else']);

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function slice(lines: LineIndex, range: FeatureTransformFact['statementRange']): string {
  return lines.text.slice(lines.offset(range.start), lines.offset(range.end));
}

/** The import line for each numpy/pandas/math name a file binds (`np` → `import numpy as np`). */
function libraryImports(facts: PythonFileFacts): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of facts.imports) {
    if (i.level !== 0 || !LIBRARIES.has(i.module.split('.')[0] ?? '') || i.names.length > 0) continue;
    const name = i.moduleAlias ?? i.module;
    out.set(name, i.moduleAlias ? `import ${i.module} as ${i.moduleAlias}` : `import ${i.module}`);
  }
  return out;
}

/** The names a statement uses, outside strings, attributes and keyword argument names. */
function namesUsed(statement: string): string[] {
  const code = statement.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*$/gm, '');
  return [...code.matchAll(/(?<![\w.])([A-Za-z_]\w*)(?!\s*=(?!=))/g)].flatMap((m) =>
    m[1] && !KEYWORDS.has(m[1]) ? [m[1]] : [],
  );
}

/**
 * A training statement `df["x"] = <expr of df["x"]>` that can move into the shared function:
 * one line, assigning the feature's own column, using only the frame and the libraries.
 */
function movable(
  fact: FeatureTransformFact,
  statement: string,
  libraries: ReadonlyMap<string, string>,
): boolean {
  if (fact.access !== 'column' || statement.includes('\n')) return false;
  // Statistics of the data (a median fill, a max) are learned in training: not a plain function.
  if (fact.steps.some((s) => s.kind === 'fillna' && s.strategy !== null)) return false;
  if (LEARNED.test(statement)) return false;
  const receiver = fact.receiver;
  if (!/^[A-Za-z_]\w*$/.test(receiver)) return false;
  const column = JSON.stringify(fact.feature);
  if (!statement.replace(/'/g, '"').startsWith(`${receiver}[${column}] =`)) return false;
  return namesUsed(statement).every((name) => name === receiver || libraries.has(name));
}

function moduleName(context: PythonRuleContext, folder: string): string | undefined {
  return MODULE_NAMES.find((name) => {
    const uri = `${folder}/${name}.py`;
    return context.text(uri) === undefined && context.index.get(uri) === undefined;
  });
}

function pandasAlias(facts: PythonFileFacts): string | undefined {
  const pandas = facts.imports.find((i) => i.module === 'pandas' && i.names.length === 0);
  return pandas ? (pandas.moduleAlias ?? 'pandas') : undefined;
}

export interface SharedPreprocessingInputs {
  readonly trainingUri: string;
  readonly servingUri: string;
  /** The feature the finding is about: the fix is offered only when it moves. */
  readonly feature: string;
}

export function sharedPreprocessingFix(
  context: PythonRuleContext,
  { trainingUri, servingUri, feature }: SharedPreprocessingInputs,
): Fix[] {
  const training = context.index.get(trainingUri);
  const serving = context.index.get(servingUri);
  const trainingText = context.text(trainingUri);
  const servingText = context.text(servingUri);
  const folder = folderOf(trainingUri);
  if (!training || !serving || trainingText === undefined || servingText === undefined) return [];
  // A training notebook's edits are mapped to its cells by the host (dropped where it cannot).
  if (serving.notebook || folderOf(servingUri) !== folder) return [];
  // A notebook's ranges are in its analysed module: its `.ipynb` JSON text is not that.
  if (training.notebook && trainingText.trimStart().startsWith('{')) return [];
  const name = moduleName(context, folder);
  if (!name) return [];
  const trainingLines = new LineIndex(trainingText);
  const libraries = libraryImports(training);
  // Training's statements, in order, for every feature whose statements can all move.
  const byFeature = new Map<string, FeatureTransformFact[]>();
  for (const fact of training.featureTransforms)
    byFeature.set(fact.feature, [...(byFeature.get(fact.feature) ?? []), fact]);
  const moved = new Map<string, FeatureTransformFact[]>();
  let receiver: string | undefined;
  for (const [column, facts] of byFeature) {
    const ok = facts.every(
      (f) =>
        f.scope === null &&
        (receiver === undefined || f.receiver === receiver) &&
        movable(f, slice(trainingLines, f.statementRange), libraries),
    );
    if (!ok) continue;
    receiver ??= facts[0]?.receiver;
    moved.set(column, facts);
  }
  if (!receiver || !moved.has(feature)) return [];
  const statements = [...moved.values()]
    .flat()
    .sort((a, b) => a.statementRange.start.line - b.statementRange.start.line);
  // Serving: the expressions of moved features that do no more than training does.
  const trainingKinds = (column: string) =>
    new Set(moved.get(column)?.flatMap((f) => f.steps.map((s) => s.kind)));
  const rewritten = serving.featureTransforms.filter(
    (f) =>
      moved.has(f.feature) &&
      f.assignedTo !== null &&
      /^[A-Za-z_]\w*$/.test(f.assignedTo) &&
      f.steps.every((s) => trainingKinds(f.feature).has(s.kind)),
  );
  const servingFact = rewritten.find((f) => f.feature === feature);
  if (!servingFact) return [];
  const sameBlock = rewritten.filter(
    (f) =>
      f.scope === servingFact.scope &&
      f.receiver === servingFact.receiver &&
      f.statementRange.start.character === servingFact.statementRange.start.character,
  );
  const first = sameBlock.reduce((a, b) =>
    b.statementRange.start.line < a.statementRange.start.line ? b : a,
  );
  const eol = trainingLines.eol;
  const body = statements.map((f) => {
    const text = slice(trainingLines, f.statementRange);
    return `    ${text.replace(new RegExp(`(?<![\\w.])${receiver}\\[`, 'g'), `${FRAME}[`)}`;
  });
  const used = new Set(statements.flatMap((f) => namesUsed(slice(trainingLines, f.statementRange))));
  const imports = [...libraries].filter(([alias]) => used.has(alias)).map(([, line]) => line);
  const module = [
    '"""Feature preparation shared by training and serving, so both prepare features the same way."""',
    ...imports,
    '',
    '',
    `def ${FUNCTION}(${FRAME}):`,
    `    ${FRAME} = ${FRAME}.copy()`,
    ...body,
    `    return ${FRAME}`,
    '',
  ].join(eol);
  const importLine = `from ${name} import ${FUNCTION}${eol}`;
  // Training: the statements go; one call takes the place of the first.
  const trainingEdits: TextEdit[] = [
    {
      range: { start: training.importInsertPosition, end: training.importInsertPosition },
      newText: importLine,
    },
    ...statements.map((f, i): TextEdit => ({
      range: {
        start: { line: f.statementRange.start.line, character: 0 },
        end: { line: f.statementRange.end.line + 1, character: 0 },
      },
      newText: i === 0 ? `${receiver} = ${FUNCTION}(${receiver})${eol}` : '',
    })),
  ];
  // Serving: the request goes through the function once; each feature is read from the result.
  const servingLines = new LineIndex(servingText);
  const pd = pandasAlias(serving);
  const indent = ' '.repeat(first.statementRange.start.character);
  const prepared = 'prepared';
  const servingEdits: TextEdit[] = [
    {
      range: { start: serving.importInsertPosition, end: serving.importInsertPosition },
      newText: `${pd ? '' : `import pandas as pd${eol}`}${importLine}`,
    },
    {
      range: { start: first.statementRange.start, end: first.statementRange.start },
      newText: `${prepared} = ${FUNCTION}(${pd ?? 'pd'}.DataFrame([${first.receiver}])).iloc[0]${servingLines.eol}${indent}`,
    },
    ...sameBlock.map((f): TextEdit => ({
      range: f.range,
      newText: `${prepared}[${JSON.stringify(f.feature)}]`,
    })),
  ];
  return [
    {
      title: `Move training's feature preparation into ${name}.py and call it from training and serving`,
      changes: [
        {
          uri: `${folder}/${name}.py`,
          create: true,
          edits: [
            { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: module },
          ],
        },
        { uri: trainingUri, edits: trainingEdits },
        { uri: servingUri, edits: servingEdits },
      ],
      safe: false,
    },
  ];
}
