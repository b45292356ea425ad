import { LineIndex } from '../../engine/line-index.ts';
import type { TextEdit } from '../../engine/types.ts';
import type { ArtifactFact, PythonFileFacts, TransformerFact } from '../facts/file-facts.ts';

const MODEL_KINDS = new Set(['model', 'pipeline', 'unknown']);

/** The statement that saves the model itself (not a dict of parts). */
export function modelSaveOf(facts: PythonFileFacts): ArtifactFact | undefined {
  return facts.artifacts.find(
    (s) =>
      s.direction === 'save' && s.object && MODEL_KINDS.has(s.object.kind) && s.object.entries.length === 0,
  );
}

export interface PersistEdit {
  readonly edits: TextEdit[];
  /** Where the preprocessor will be saved: beside the model, named after the variable. */
  readonly path: string;
}

/**
 * `joblib.dump(<preprocessor>, "<model folder>/<variable>.joblib")` right after the model is
 * saved, with the same indentation, plus `import joblib` when missing.
 */
export function persistPreprocessorEdit(
  facts: PythonFileFacts,
  transformer: TransformerFact,
  text: string,
): PersistEdit | null {
  const modelSave = modelSaveOf(facts);
  const variable = transformer.variable;
  if (!modelSave || !variable || !/^[A-Za-z_]\w*$/.test(variable) || modelSave.scope !== transformer.scope)
    return null;
  const lines = new LineIndex(text);
  const indent = /^\s*/.exec(lines.lineText(modelSave.statementRange.start.line))?.[0] ?? '';
  const saved =
    modelSave.path?.kind === 'string' || modelSave.path?.kind === 'path' ? modelSave.path.value : null;
  const folder = saved && saved.includes('/') ? saved.slice(0, saved.lastIndexOf('/') + 1) : '';
  const path = `${folder}${variable}.joblib`;
  const after = { line: modelSave.statementRange.end.line + 1, character: 0 };
  const edits: TextEdit[] = [
    {
      range: { start: after, end: after },
      newText: `${indent}joblib.dump(${variable}, "${path}")${lines.eol}`,
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
  return { edits, path };
}
