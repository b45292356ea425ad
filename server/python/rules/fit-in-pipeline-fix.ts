/**
 * The fix of repro/fit-before-split: the preprocessor is no longer fitted on all the data; the
 * split takes the raw data, and the model fitted on the training split becomes a scikit-learn
 * pipeline of the preprocessor and the model (`make_pipeline(scaler, model).fit(X_train, y_train)`),
 * so the preprocessor learns from the training rows only and the test rows go through it raw.
 */
import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, TextEdit } from '../../engine/types.ts';
import type { FitFact, PythonFileFacts, RandomnessFact, TransformerFact } from '../facts/file-facts.ts';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function importsMakePipeline(facts: PythonFileFacts): boolean {
  return facts.imports.some(
    (i) => i.module === 'sklearn.pipeline' && i.names.some((n) => n.name === 'make_pipeline' && !n.alias),
  );
}

/** How often `name` occurs as a whole word in `text`. */
function occurrences(text: string, name: string): number {
  return text.match(new RegExp(`(?<![\\w.])${escape(name)}\\b`, 'g'))?.length ?? 0;
}

/** The edit that stops the fit on all the data: drop the statement, or keep only the construction. */
function unfitEdit(lines: LineIndex, fit: FitFact, transformer: TransformerFact): TextEdit | undefined {
  const line = fit.call.range.start.line;
  if (fit.call.range.end.line !== line) return undefined;
  const text = lines.lineText(line);
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const whole = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
  const variable = transformer.variable;
  // `scaler.fit(X)` or `X_s = scaler.fit_transform(X)`: the line goes.
  if (
    variable &&
    new RegExp(`^\\s*(?:\\w+\\s*=\\s*)?${escape(variable)}\\.fit\\w*\\(.*\\)\\s*(#.*)?$`).test(text)
  )
    return fit.assignedTo === variable ? undefined : { range: whole, newText: '' };
  // `scaler = StandardScaler().fit(X)`: only the construction stays.
  const chained = /^\s*(\w+)\s*=\s*(.+?)\.fit\(.*\)\s*(#.*)?$/.exec(text);
  const construction = lines.text.slice(
    lines.offset(transformer.construction.range.start),
    lines.offset(transformer.construction.range.end),
  );
  if (chained?.[1] === variable && chained[2] === construction)
    return { range: whole, newText: `${indent}${variable} = ${construction}${lines.eol}` };
  return undefined;
}

export function fitInPipelineFix(
  facts: PythonFileFacts,
  text: string,
  transformer: TransformerFact,
  fit: FitFact,
  split: RandomnessFact,
): Fix[] {
  const variable = transformer.variable;
  const data = fit.call.arguments.positional[0]?.text;
  const first = split.call.arguments.positional[0];
  if (!variable || !data || !first) return [];
  // Only when the split takes exactly what the preprocessor saw (or what it produced from it).
  const splitsOutput =
    fit.assignedTo !== null && fit.assignedTo !== variable && first.text === fit.assignedTo;
  if (!splitsOutput && first.text !== data) return [];
  // The scaled copy must not be used anywhere else: it no longer exists after the fix.
  if (splitsOutput && occurrences(text, first.text) !== 2) return [];
  const lines = new LineIndex(text);
  const unfit = unfitEdit(lines, fit, transformer);
  if (!unfit) return [];
  // The training split's name: the first target of the split's assignment.
  const splitLine = lines.lineText(split.call.range.start.line);
  const trainName = /^\s*(\w+)\s*,/.exec(splitLine)?.[1];
  if (!trainName) return [];
  // The model fitted on the training split after the split, in the same block.
  const modelFit = new RegExp(`^(\\s*)(?:(\\w+)\\s*=\\s*)?(.+?)\\.fit\\(\\s*${escape(trainName)}\\s*[,)]`);
  let modelEdit: TextEdit | undefined;
  for (let line = split.call.range.end.line + 1; line < lines.lineCount && !modelEdit; line++) {
    const match = modelFit.exec(lines.lineText(line));
    if (!match) continue;
    const [, indent = '', target, receiver = ''] = match;
    if (receiver === variable || !/^[\w.]+(\(.*\))?$/.test(receiver)) return [];
    const afterAssign = target === undefined ? indent.length : match[0].indexOf('=', indent.length) + 1;
    const receiverStart = match[0].indexOf(receiver, afterAssign);
    const range = {
      start: { line, character: receiverStart },
      end: { line, character: receiverStart + receiver.length },
    };
    const wrapped = `make_pipeline(${variable}, ${receiver})`;
    // `clf.fit(X_train, y)` leaves `clf` the bare model: the name is bound to the pipeline instead.
    const bare = target === undefined && /^\w+$/.test(receiver);
    modelEdit = bare
      ? {
          range: { start: { line, character: indent.length }, end: range.end },
          newText: `${receiver} = ${wrapped}`,
        }
      : { range, newText: wrapped };
  }
  if (!modelEdit) return [];
  const edits: TextEdit[] = [unfit, modelEdit];
  if (splitsOutput) edits.push({ range: first.range, newText: data });
  if (!importsMakePipeline(facts)) {
    const at = facts.importInsertPosition;
    edits.push({
      range: { start: at, end: at },
      newText: `from sklearn.pipeline import make_pipeline${lines.eol}`,
    });
  }
  return [
    {
      title: `Fit ${variable} and the model as one Pipeline on the training split`,
      changes: [{ uri: facts.uri, edits }],
      safe: true,
    },
  ];
}
