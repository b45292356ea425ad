import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, Report } from '../../engine/types.ts';
import type { ArtifactFact, PythonFileFacts, TransformerFact } from '../facts/file-facts.ts';
import type { PythonFileRule, PythonRuleContext } from './python-rule.ts';

const MODEL_KINDS = new Set(['model', 'pipeline', 'unknown']);

function isPersisted(transformer: TransformerFact, saves: readonly ArtifactFact[]): boolean {
  return saves.some((save) => {
    const object = save.object;
    if (!object) return false;
    if (transformer.variable && object.variable === transformer.variable) return true;
    if (transformer.inPipeline && object.variable === transformer.inPipeline) return true;
    return object.entries.some(
      (e) =>
        e.variable !== null && (e.variable === transformer.variable || e.variable === transformer.inPipeline),
    );
  });
}

/** `joblib.dump(scaler, "<model folder>/scaler.joblib")` right after the model is saved. */
function persistFix(
  facts: PythonFileFacts,
  transformer: TransformerFact,
  modelSave: ArtifactFact,
  context: PythonRuleContext,
): Fix[] {
  const text = context.text(facts.uri);
  const variable = transformer.variable;
  if (!text || !variable || !/^[A-Za-z_]\w*$/.test(variable) || modelSave.scope !== transformer.scope)
    return [];
  const lines = new LineIndex(text);
  const line = lines.lineText(modelSave.statementRange.start.line);
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const saved =
    modelSave.path?.kind === 'string' || modelSave.path?.kind === 'path' ? modelSave.path.value : null;
  const folder = saved && saved.includes('/') ? saved.slice(0, saved.lastIndexOf('/') + 1) : '';
  const after = { line: modelSave.statementRange.end.line + 1, character: 0 };
  const edits = [
    {
      range: { start: after, end: after },
      newText: `${indent}joblib.dump(${variable}, "${folder}${variable}.joblib")${lines.eol}`,
    },
  ];
  const importsJoblib = facts.imports.some(
    (i) => i.module === 'joblib' && i.names.length === 0 && i.moduleAlias === null,
  );
  if (!importsJoblib)
    edits.push({
      range: { start: facts.importInsertPosition, end: facts.importInsertPosition },
      newText: `import joblib${lines.eol}`,
    });
  return [{ title: `Save ${variable} beside the model`, changes: [{ uri: facts.uri, edits }], safe: false }];
}

/**
 * The model is persisted but the preprocessor fitted for it is not: serving cannot reproduce
 * the inputs the model was trained on, and re-implements them by hand.
 */
export const reproUnsavedPreprocessor: PythonFileRule = {
  meta: {
    id: 'repro/unsaved-preprocessor',
    defaultSeverity: 'warning',
    title: 'Preprocessor fitted but never saved',
  },
  target: 'python-file',
  check(facts, context) {
    if (facts.role !== 'training' && facts.role !== 'both') return [];
    const saves = facts.artifacts.filter((a) => a.direction === 'save');
    const modelSave = saves.find(
      (s) => s.object && MODEL_KINDS.has(s.object.kind) && s.object.entries.length === 0,
    );
    if (!modelSave) return [];
    const reports: Report[] = [];
    for (const transformer of facts.transformers) {
      if (
        transformer.family === 'dummies' ||
        transformer.fits.length === 0 ||
        isPersisted(transformer, saves)
      )
        continue;
      const name = transformer.className.slice(transformer.className.lastIndexOf('.') + 1);
      reports.push({
        range: transformer.construction.range,
        message: `${name}${transformer.variable ? ` (${transformer.variable})` : ''} is fitted but never saved, while the model is: serving cannot apply the same preprocessing.`,
        related: [{ uri: facts.uri, range: modelSave.call.range, message: 'the model is saved here' }],
        fixes: persistFix(facts, transformer, modelSave, context),
      });
    }
    return reports;
  },
};
