import type { Fix, Report } from '../../engine/types.ts';
import type { TransformerFact } from '../facts/file-facts.ts';
import { describeValue, stringListOf } from '../facts/static-value.ts';
import type { TrainingServingPair } from '../workspace/training-serving-pair.ts';
import type { PythonWorkspaceIndex } from '../workspace/workspace-index.ts';
import { treatmentsOf, type FeatureTreatment, type StepSite } from './feature-step-summary.ts';
import { loadFittedScalerFix } from './load-fitted-scaler-fix.ts';
import type { PythonPairRule, PythonRuleContext } from './python-rule.ts';

interface FittedOn {
  readonly uri: string;
  readonly transformer: TransformerFact;
}

/** Feature → the transformers training fitted on it (columns resolved through imports). */
function fittedTransformers(index: PythonWorkspaceIndex, uris: readonly string[]): Map<string, FittedOn[]> {
  const out = new Map<string, FittedOn[]>();
  for (const uri of uris) {
    for (const transformer of index.get(uri)?.transformers ?? []) {
      for (const fit of transformer.fits) {
        const columns = fit.features ? stringListOf(index.resolve(uri, fit.features.columns)) : null;
        for (const column of columns ?? []) {
          const list = out.get(column) ?? [];
          list.push({ uri, transformer });
          out.set(column, list);
        }
      }
    }
  }
  return out;
}

/** `(x - a) / b` or `(x - a) * b`: a hand-written standardisation or min-max scaling. */
function scalingSite(t: FeatureTreatment): { site: StepSite; text: string } | null {
  const steps = t.arithmetic;
  for (let i = 0; i + 1 < steps.length; i++) {
    const shift = steps[i];
    const scale = steps[i + 1];
    if (!shift || !scale || shift.featureSide !== 'left' || scale.featureSide !== 'left') continue;
    if (shift.op === '-' && (scale.op === '/' || scale.op === '*')) {
      return {
        site: scale.site,
        text: `(x - ${describeValue(shift.operand)}) ${scale.op} ${describeValue(scale.operand)}`,
      };
    }
  }
  return null;
}

const SCALERS = /Scaler$|^Normalizer$|^PowerTransformer$|^QuantileTransformer$/;
const ENCODERS = /^(LabelEncoder|OneHotEncoder|OrdinalEncoder|LabelBinarizer|TargetEncoder|get_dummies)$/;

function shortName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

/** The whole-row fix for the serving row that holds `feature` scaled by hand, if any. */
function rowFix(
  context: PythonRuleContext,
  pair: TrainingServingPair,
  scaler: FittedOn,
  feature: string,
): Fix | null {
  for (const uri of pair.servingFiles) {
    for (const row of context.index.get(uri)?.featureLists ?? []) {
      if (
        row.use !== 'predict' ||
        !row.items.some((item) => item.feature === feature && item.unscaledText !== null)
      )
        continue;
      const fix = loadFittedScalerFix(context, scaler, uri, row);
      if (fix) return fix;
    }
  }
  return null;
}

/**
 * Serving code recomputes by hand what a transformer fitted in training does. The constants are
 * a copy of one fit; after the next retraining they are silently stale.
 */
export const skewReimplementedTransform: PythonPairRule = {
  meta: {
    id: 'skew/reimplemented-transform',
    defaultSeverity: 'warning',
    title: 'Serving re-implements a fitted transformer',
  },
  target: 'python-pair',
  check(pair: TrainingServingPair, context) {
    const fitted = fittedTransformers(context.index, pair.trainingFiles);
    if (fitted.size === 0) return [];
    const reports: Report[] = [];
    for (const [feature, treatment] of treatmentsOf(context.index, pair.servingFiles)) {
      const transformers = fitted.get(feature) ?? [];
      const scaler = transformers.find((f) => SCALERS.test(shortName(f.transformer.className)));
      const scaling = scaler ? scalingSite(treatment) : null;
      if (scaler && scaling) {
        const fix = rowFix(context, pair, scaler, feature);
        reports.push({
          fixes: fix ? [fix] : [],
          uri: scaling.site.uri,
          range: scaling.site.range,
          message: `${feature}: serving scales by hand with ${scaling.text}, while training fits ${shortName(scaler.transformer.className)} on it; load the fitted scaler and call transform.`,
          related: [
            {
              uri: scaler.uri,
              range: scaler.transformer.fits[0]?.call.range ?? scaler.transformer.construction.range,
              message: `${shortName(scaler.transformer.className)} fitted on ${feature}`,
            },
          ],
        });
      }
      const encoder = transformers.find((f) => ENCODERS.test(shortName(f.transformer.className)));
      if (encoder && treatment.map) {
        reports.push({
          uri: treatment.map.site.uri,
          range: treatment.map.site.range,
          message: `${feature}: serving maps categories with a hand-written table, while training fits ${shortName(encoder.transformer.className)} on it; load the fitted encoder and call transform.`,
          related: [
            {
              uri: encoder.uri,
              range: encoder.transformer.fits[0]?.call.range ?? encoder.transformer.construction.range,
              message: `${shortName(encoder.transformer.className)} fitted on ${feature}`,
            },
          ],
        });
      }
    }
    return reports;
  },
};
