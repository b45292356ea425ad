import type { Report } from '../../engine/types.ts';
import { isInside } from '../extract/training-markers.ts';
import type { PythonFileRule } from './python-rule.ts';

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
    const loaded = new Set(
      facts.artifacts.filter((a) => a.direction === 'load' && a.target).map((a) => a.target),
    );
    const reports: Report[] = [];
    for (const transformer of facts.transformers) {
      for (const fit of transformer.fits) {
        if (!servingFile && !isInside(fit.scope, handlers)) continue;
        const name = transformer.className.slice(transformer.className.lastIndexOf('.') + 1);
        if (transformer.family === 'dummies') {
          reports.push({
            range: fit.call.range,
            message:
              'pd.get_dummies in serving code creates columns from the values in this request only; encode with the encoder fitted in training.',
          });
          continue;
        }
        const hint = [...loaded].length > 0 ? ` (${[...loaded].join(', ')} is loaded here)` : '';
        reports.push({
          range: fit.call.range,
          message: `${name} is fitted in serving code (${fit.method}); use transform on the fitted object from training${hint}.`,
        });
      }
    }
    return reports;
  },
};
