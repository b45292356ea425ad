import { LineIndex } from '../../engine/line-index.ts';
import type { FileChange, Fix, TextEdit } from '../../engine/types.ts';
import type { FeatureListFact, PythonFileFacts, TransformerFact } from '../facts/file-facts.ts';
import { stringOf, stringListOf } from '../facts/static-value.ts';
import type { PythonWorkspaceIndex } from '../workspace/workspace-index.ts';
import { persistPreprocessorEdit } from './persist-preprocessor-edit.ts';
import type { PythonRuleContext } from './python-rule.ts';

interface Persisted {
  /** Python expression that loads the fitted transformer. */
  readonly load: string;
  /** Edits to the training file when it does not persist the transformer yet. */
  readonly trainingChange: FileChange | null;
}

/** How serving can load the fitted transformer: from where training saves it, or will. */
function persistedLoad(
  index: PythonWorkspaceIndex,
  uri: string,
  facts: PythonFileFacts,
  transformer: TransformerFact,
  context: PythonRuleContext,
): Persisted | null {
  const variable = transformer.variable;
  if (!variable) return null;
  for (const save of facts.artifacts) {
    if (save.direction !== 'save' || save.library !== 'joblib' || !save.object || !save.path) continue;
    const path = stringOf(index.resolve(uri, save.path));
    if (!path) continue;
    if (save.object.variable === variable)
      return { load: `joblib.load(${JSON.stringify(path)})`, trainingChange: null };
    const entry = save.object.entries.find((e) => e.variable === variable);
    if (entry)
      return {
        load: `joblib.load(${JSON.stringify(path)})[${JSON.stringify(entry.key)}]`,
        trainingChange: null,
      };
  }
  const text = context.text(uri);
  const persist = text ? persistPreprocessorEdit(facts, transformer, text) : null;
  if (!persist) return null;
  return {
    load: `joblib.load(${JSON.stringify(persist.path)})`,
    trainingChange: { uri, edits: persist.edits },
  };
}

/**
 * Replaces a row standardised by hand, `[(req.a - 3.2) / 1.7, ...]`, with the fitted scaler:
 * `SCALER.transform([[req.a, ...]])[0].tolist()`, `SCALER` loaded once at module scope. Offered
 * only when the row holds exactly the scaler's columns, in order, all scaled by hand. When
 * training does not save the scaler yet, the same fix adds that to training.
 */
export function loadFittedScalerFix(
  context: PythonRuleContext,
  training: { uri: string; transformer: TransformerFact },
  servingUri: string,
  row: FeatureListFact,
): Fix | null {
  const index = context.index;
  const trainingFacts = index.get(training.uri);
  const servingFacts = index.get(servingUri);
  const servingText = context.text(servingUri);
  const fit = training.transformer.fits[0];
  const columns = fit?.features ? stringListOf(index.resolve(training.uri, fit.features.columns)) : null;
  if (!trainingFacts || !servingFacts || !servingText || !columns || row.how !== 'array-literal') return null;
  const raw = row.items.map((item) => item.unscaledText);
  const matches =
    row.items.length === columns.length &&
    row.items.every((item, i) => item.feature === columns[i] && item.unscaledText !== null);
  if (!matches) return null;
  const persisted = persistedLoad(index, training.uri, trainingFacts, training.transformer, context);
  if (!persisted) return null;
  const name = (training.transformer.variable ?? 'scaler').toUpperCase();
  if (servingFacts.constants.some((c) => c.name === name)) return null;
  const eol = new LineIndex(servingText).eol;
  const at = servingFacts.importInsertPosition;
  const header = servingFacts.imports.some(
    (i) => i.module === 'joblib' && i.names.length === 0 && i.moduleAlias === null,
  )
    ? ''
    : `import joblib${eol}`;
  const servingEdits: TextEdit[] = [
    { range: { start: at, end: at }, newText: `${header}${eol}${name} = ${persisted.load}${eol}` },
    { range: row.expressionRange, newText: `${name}.transform([[${raw.join(', ')}]])[0].tolist()` },
  ];
  const changes: FileChange[] = [{ uri: servingUri, edits: servingEdits }];
  if (persisted.trainingChange) changes.unshift(persisted.trainingChange);
  return {
    title: `Use the fitted ${name.toLowerCase()} from training instead of hand-written scaling`,
    changes,
    safe: true,
  };
}
