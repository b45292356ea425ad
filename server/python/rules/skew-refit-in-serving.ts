import type { Fix, Report } from '../../engine/types.ts';
import type { FitFact, PythonFileFacts, TransformerFact, TransformerFamily } from '../facts/file-facts.ts';
import { isInside } from '../extract/training-markers.ts';
import type { PythonFileRule } from './python-rule.ts';

const FAMILY_NAMES: Partial<Record<TransformerFamily, RegExp>> = {
  scaler: /scaler/i,
  encoder: /encoder/i,
  imputer: /imputer/i,
  vectorizer: /vectori[sz]er/i,
};

/** The one loaded object whose name says it is this kind of transformer (`scaler = joblib.load(...)`). */
function loadedCounterpart(facts: PythonFileFacts, transformer: TransformerFact): string | null {
  const pattern = FAMILY_NAMES[transformer.family];
  if (!pattern) return null;
  const candidates = facts.artifacts.filter(
    (a) => a.direction === 'load' && a.target && /^[A-Za-z_][\w.]*$/.test(a.target) && pattern.test(a.target),
  );
  const names = [...new Set(candidates.map((a) => a.target))];
  return names.length === 1 ? (names[0] ?? null) : null;
}

/** `StandardScaler().fit_transform(X)` or `scaler.fit_transform(X)` becomes `<loaded>.transform(X)`. */
function useLoadedFix(facts: PythonFileFacts, fit: FitFact, loaded: string): Fix[] {
  if (fit.method !== 'fit_transform') return [];
  const calleeRange = { start: fit.call.range.start, end: fit.call.arguments.range.start };
  return [
    {
      title: `Use ${loaded}.transform, fitted in training`,
      changes: [{ uri: facts.uri, edits: [{ range: calleeRange, newText: `${loaded}.transform` }] }],
      safe: true,
    },
  ];
}

/**
 * Fitting a preprocessor in serving code learns its statistics from the request instead of the
 * training data: a scaler fitted on one row maps every value to 0.
 */
export const skewRefitInServing: PythonFileRule = {
  meta: {
    id: 'skew/refit-in-serving',
    defaultSeverity: 'error',
    title: 'Preprocessor fitted in serving code',
  },
  target: 'python-file',
  check(facts) {
    const handlers = new Set(facts.handlers.filter((h) => h.framework !== 'streamlit').map((h) => h.name));
    const servingFile = facts.role === 'serving';
    const reports: Report[] = [];
    for (const transformer of facts.transformers) {
      for (const fit of transformer.fits) {
        if (!servingFile && !isInside(fit.scope, handlers)) continue;
        const name = transformer.className.slice(transformer.className.lastIndexOf('.') + 1);
        if (transformer.family === 'dummies') {
          if (fit.alignedColumns) continue;
          reports.push({
            range: fit.call.range,
            message:
              'pd.get_dummies in serving code creates columns from the values in this request only; encode with the encoder fitted in training.',
          });
          continue;
        }
        const loaded = loadedCounterpart(facts, transformer);
        reports.push({
          range: fit.call.range,
          message: `${name} is fitted in serving code (${fit.method}); use transform on the fitted object from training${loaded ? ` (${loaded} is loaded here)` : ''}.`,
          fixes: loaded ? useLoadedFix(facts, fit, loaded) : [],
        });
      }
    }
    return reports;
  },
};
