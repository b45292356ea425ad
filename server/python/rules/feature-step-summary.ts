import type { Range } from '../../engine/types.ts';
import type { TransformStep } from '../facts/feature-transform.ts';
import type { StaticValue } from '../facts/static-value.ts';
import type { PythonWorkspaceIndex } from '../workspace/workspace-index.ts';

/** Where a step was seen: for `relatedInformation` and for the finding's range. */
export interface StepSite {
  readonly uri: string;
  readonly range: Range;
}

/** How one side treats one feature, merged over the statements that touch it. */
export interface FeatureTreatment {
  fillna?: { value: StaticValue | null; strategy: string | null; valueRange: Range | null; site: StepSite };
  clip?: { lower: StaticValue | null; upper: StaticValue | null; site: StepSite };
  log?: { fn: string; site: StepSite };
  cast?: { dtype: string; site: StepSite };
  string?: { ops: string[]; site: StepSite };
  bin?: { edges: StaticValue | null; site: StepSite };
  date?: { format: StaticValue | null; site: StepSite };
  map?: { mapping: StaticValue; site: StepSite };
  /** `(x - a) / b` style arithmetic, in order. */
  arithmetic: { op: string; operand: StaticValue; featureSide: 'left' | 'right'; site: StepSite }[];
}

/** Feature name → treatment, over all feature transforms in `uris`, values resolved through imports. */
export function treatmentsOf(
  index: PythonWorkspaceIndex,
  uris: readonly string[],
): Map<string, FeatureTreatment> {
  const out = new Map<string, FeatureTreatment>();
  for (const uri of uris) {
    for (const fact of index.get(uri)?.featureTransforms ?? []) {
      let treatment = out.get(fact.feature);
      if (!treatment) out.set(fact.feature, (treatment = { arithmetic: [] }));
      for (const step of fact.steps)
        merge(treatment, step, { uri, range: step.range }, (v) => index.resolve(uri, v));
    }
  }
  return out;
}

function merge(
  t: FeatureTreatment,
  step: TransformStep,
  site: StepSite,
  resolve: (v: StaticValue) => StaticValue,
): void {
  const value = (v: StaticValue | null) => (v ? resolve(v) : null);
  switch (step.kind) {
    case 'fillna':
      t.fillna ??= { value: value(step.value), strategy: step.strategy, valueRange: step.valueRange, site };
      break;
    case 'clip':
      if (
        t.clip &&
        t.clip.site.uri === site.uri &&
        Math.abs(t.clip.site.range.start.line - site.range.start.line) <= 1
      ) {
        t.clip = {
          lower: t.clip.lower ?? value(step.lower),
          upper: t.clip.upper ?? value(step.upper),
          site: t.clip.site,
        };
      } else t.clip ??= { lower: value(step.lower), upper: value(step.upper), site };
      break;
    case 'log':
      t.log ??= { fn: step.fn, site };
      break;
    case 'cast':
      t.cast ??= { dtype: step.dtype, site };
      break;
    case 'string':
      if (t.string && t.string.site.uri === site.uri) t.string.ops.push(step.op);
      else t.string ??= { ops: [step.op], site };
      break;
    case 'bin':
      t.bin ??= { edges: value(step.edges), site };
      break;
    case 'date':
      t.date ??= { format: value(step.format), site };
      break;
    case 'map':
      t.map ??= { mapping: resolve(step.mapping), site };
      break;
    case 'arithmetic':
      t.arithmetic.push({ op: step.op, operand: resolve(step.operand), featureSide: step.featureSide, site });
      break;
    case 'math':
      break;
  }
}
