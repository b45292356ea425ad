import type { Report } from '../../engine/types.ts';
import { fitInPipelineFix } from './fit-in-pipeline-fix.ts';
import type { PythonFileRule } from './python-rule.ts';

/** Preprocessors that learn statistics of the data; encoders only learn the category set. */
const PREPROCESSORS = new Set(['scaler', 'imputer', 'vectorizer', 'other']);

/** `df` in `df[FEATURES]` or `df.loc[:, cols]`: the frame the expression reads from. */
function rootName(text: string | undefined): string | null {
  const match = text ? /^([A-Za-z_]\w*)\s*[[.]/.exec(text) : null;
  return match?.[1] ?? null;
}

/**
 * A preprocessor fitted on all the data before the train/test split has seen the test rows:
 * its statistics leak into training and the test score is optimistic.
 */
export const reproFitBeforeSplit: PythonFileRule = {
  meta: {
    id: 'repro/fit-before-split',
    defaultSeverity: 'warning',
    title: 'Preprocessor fitted before the train/test split',
  },
  target: 'python-file',
  check(facts, context) {
    if (facts.role === 'serving') return [];
    const splits = facts.randomness.filter((r) => r.kind === 'split');
    const reports: Report[] = [];
    const text = context.text(facts.uri);
    for (const transformer of facts.transformers) {
      if (!PREPROCESSORS.has(transformer.family) || transformer.inPipeline) continue;
      for (const fit of transformer.fits) {
        const data = fit.call.arguments.positional[0]?.text;
        const split = splits.find((s) => {
          const after = s.call.range.start.line > fit.call.range.end.line;
          const first = s.call.arguments.positional[0]?.text;
          if (!after || s.scope !== fit.scope || first === undefined) return false;
          return (
            first === fit.assignedTo ||
            first === data ||
            (rootName(first) !== null && rootName(first) === rootName(data))
          );
        });
        if (!split) continue;
        const name = transformer.className.slice(transformer.className.lastIndexOf('.') + 1);
        reports.push({
          range: fit.call.range,
          message: `${name} is fitted on ${data ?? 'the data'} before it is split into train and test: test rows leak into the preprocessing.`,
          related: [{ uri: facts.uri, range: split.call.range, message: 'split afterwards here' }],
          fixes: text === undefined ? [] : fitInPipelineFix(facts, text, transformer, fit, split),
        });
      }
    }
    return reports;
  },
};
