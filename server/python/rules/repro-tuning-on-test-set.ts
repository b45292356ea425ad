import type { Report } from '../../engine/types.ts';
import type { TestSplitUseFact } from '../facts/test-split-use.ts';
import type { PythonFileRule } from './python-rule.ts';
import { isTestFile } from './test-files.ts';
import { searchOnTrainingSplitFix, watchValidationSplitFix } from './validation-split-fix.ts';

function message(use: TestSplitUseFact): string {
  const names = use.testNames.join(', ');
  switch (use.kind) {
    case 'early-stopping':
      return `Early stopping watches the test split (${names} as ${use.keyword ?? 'evaluation data'}): the test set chooses when training stops, so its score is optimistic. Watch a validation split.`;
    case 'model-search':
      return `The hyper-parameter search is fitted on the test split (${names}): the test set chooses the model, so its score is optimistic. Search on the training split.`;
    case 'threshold-curve':
      return `The decision threshold is taken from a curve on the test split (${names}): tune it on a validation split and keep the test set for the final score.`;
    case 'best-by-test-score':
      return `The best candidate is chosen by a score on the test split (${names}): choose on a validation split and report the test score once, for the chosen one.`;
  }
}

/**
 * Model selection, early stopping or threshold tuning that reads the test split: the test set
 * then takes part in training decisions and no longer estimates the error on unseen data.
 */
export const reproTuningOnTestSet: PythonFileRule = {
  meta: {
    id: 'repro/tuning-on-test-set',
    defaultSeverity: 'warning',
    title: 'Model selection, early stopping or threshold tuning on the test split',
  },
  target: 'python-file',
  check(facts, context) {
    // Test code names its fixtures and cases "test": it trains nothing that ships.
    if (facts.role === 'serving' || isTestFile(facts.uri)) return [];
    const text = context.text(facts.uri);
    const reports: Report[] = [];
    for (const use of facts.testSplit.uses) {
      const fixes =
        text === undefined
          ? []
          : use.kind === 'early-stopping'
            ? watchValidationSplitFix(facts, text, use)
            : use.kind === 'model-search'
              ? searchOnTrainingSplitFix(facts, text, use)
              : [];
      reports.push({
        range: use.range,
        message: message(use),
        ...(use.origin
          ? { related: [{ uri: facts.uri, range: use.origin, message: 'the test split comes in here' }] }
          : {}),
        fixes,
      });
    }
    return reports;
  },
};
