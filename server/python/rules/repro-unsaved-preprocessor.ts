import type { Fix, Report } from '../../engine/types.ts';
import type { ArtifactFact, PythonFileFacts, TransformerFact } from '../facts/file-facts.ts';
import { modelSaveOf, persistPreprocessorEdit } from './persist-preprocessor-edit.ts';
import type { PythonFileRule, PythonRuleContext } from './python-rule.ts';

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

function persistFix(facts: PythonFileFacts, transformer: TransformerFact, context: PythonRuleContext): Fix[] {
  const text = context.text(facts.uri);
  const persist = text ? persistPreprocessorEdit(facts, transformer, text) : null;
  if (!persist || !transformer.variable) return [];
  return [
    {
      title: `Save ${transformer.variable} beside the model`,
      changes: [{ uri: facts.uri, edits: persist.edits }],
      safe: true,
    },
  ];
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
    const modelSave = modelSaveOf(facts);
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
        fixes: persistFix(facts, transformer, context),
      });
    }
    return reports;
  },
};
