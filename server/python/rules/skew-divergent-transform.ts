import type { Fix, Report } from '../../engine/types.ts';
import { describeValue, isFullyKnown, type StaticValue } from '../facts/static-value.ts';
import type { TrainingServingPair } from '../workspace/training-serving-pair.ts';
import { treatmentsOf, type FeatureTreatment, type StepSite } from './feature-step-summary.ts';
import { pythonLiteral } from './python-literal.ts';
import type { PythonPairRule } from './python-rule.ts';
import { sharedPreprocessingFix } from './shared-preprocessing-fix.ts';

interface Divergence {
  readonly training: string;
  readonly serving: string;
  readonly trainingSite: StepSite;
  readonly servingSite: StepSite;
  readonly fixes?: Fix[];
}

const DTYPE_FAMILY: Readonly<Record<string, string>> = {
  float: 'float',
  float64: 'float',
  float32: 'float',
  int: 'int',
  int64: 'int',
  int32: 'int',
  Int64: 'int',
  str: 'str',
  string: 'str',
  object: 'str',
  bool: 'bool',
  boolean: 'bool',
  category: 'category',
};

function same(a: StaticValue | null, b: StaticValue | null): boolean {
  if (a?.kind === 'number' && b?.kind === 'number')
    return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Both known, and different: an unknown value on either side is never reported. */
function differ(a: StaticValue | null, b: StaticValue | null): boolean {
  if (!a || !b || !isFullyKnown(a) || !isFullyKnown(b)) return false;
  return !same(a, b);
}

function fill(value: StaticValue | null, strategy: string | null): string {
  if (strategy) return `the ${strategy}`;
  return value ? describeValue(value) : '?';
}

/** Two values, two strategies (`median` vs `mean`), or a strategy against a known value. */
function fillsDiffer(
  a: { value: StaticValue | null; strategy: string | null },
  b: { value: StaticValue | null; strategy: string | null },
): boolean {
  if (a.strategy === null && b.strategy === null) return differ(a.value, b.value);
  if (a.strategy !== null && b.strategy !== null) return a.strategy !== b.strategy;
  const known = a.strategy === null ? a.value : b.value;
  return known !== null && isFullyKnown(known);
}

type Fill = NonNullable<FeatureTreatment['fillna']>;

/** Replaces serving's fill value with training's, when training fills with a plain value. */
function useTrainingFill(training: Fill, serving: Fill): Fix[] {
  const literal = training.strategy === null && training.value ? pythonLiteral(training.value) : null;
  if (!literal || !serving.valueRange) return [];
  return [
    {
      title: `Fill missing values with ${literal}, as training does`,
      changes: [{ uri: serving.site.uri, edits: [{ range: serving.valueRange, newText: literal }] }],
      safe: true,
    },
  ];
}

function bounds(lower: StaticValue | null, upper: StaticValue | null): string {
  return `[${lower ? describeValue(lower) : '-inf'}, ${upper ? describeValue(upper) : 'inf'}]`;
}

function divergences(t: FeatureTreatment, s: FeatureTreatment): Divergence[] {
  const out: Divergence[] = [];
  const push = (training: string, serving: string, a: StepSite, b: StepSite) =>
    out.push({ training, serving, trainingSite: a, servingSite: b });
  if (t.fillna && s.fillna && fillsDiffer(t.fillna, s.fillna)) {
    out.push({
      training: `fills missing with ${fill(t.fillna.value, t.fillna.strategy)}`,
      serving: `with ${fill(s.fillna.value, s.fillna.strategy)}`,
      trainingSite: t.fillna.site,
      servingSite: s.fillna.site,
      fixes: useTrainingFill(t.fillna, s.fillna),
    });
  }
  if (
    t.clip &&
    s.clip &&
    (differ(t.clip.lower, s.clip.lower) ||
      differ(t.clip.upper, s.clip.upper) ||
      (t.clip.lower === null) !== (s.clip.lower === null) ||
      (t.clip.upper === null) !== (s.clip.upper === null))
  ) {
    push(
      `clips to ${bounds(t.clip.lower, t.clip.upper)}`,
      `to ${bounds(s.clip.lower, s.clip.upper)}`,
      t.clip.site,
      s.clip.site,
    );
  }
  if (t.log && s.log && t.log.fn !== s.log.fn)
    push(`applies ${t.log.fn}`, `${s.log.fn}`, t.log.site, s.log.site);
  if (
    t.cast &&
    s.cast &&
    (DTYPE_FAMILY[t.cast.dtype] ?? t.cast.dtype) !== (DTYPE_FAMILY[s.cast.dtype] ?? s.cast.dtype)
  ) {
    push(`casts to ${t.cast.dtype}`, `to ${s.cast.dtype}`, t.cast.site, s.cast.site);
  }
  if (t.string && s.string && [...t.string.ops].sort().join() !== [...s.string.ops].sort().join()) {
    push(
      `normalises text with ${t.string.ops.join(', ')}`,
      `with ${s.string.ops.join(', ')}`,
      t.string.site,
      s.string.site,
    );
  }
  if (t.bin && s.bin && differ(t.bin.edges, s.bin.edges))
    push(
      `bins at ${describeValue(t.bin.edges ?? { kind: 'none' })}`,
      `at ${describeValue(s.bin.edges ?? { kind: 'none' })}`,
      t.bin.site,
      s.bin.site,
    );
  if (t.date && s.date && differ(t.date.format, s.date.format))
    push(
      `parses dates as ${describeValue(t.date.format ?? { kind: 'none' })}`,
      `as ${describeValue(s.date.format ?? { kind: 'none' })}`,
      t.date.site,
      s.date.site,
    );
  if (t.map && s.map && differ(t.map.mapping, s.map.mapping))
    push(
      `maps values with ${describeValue(t.map.mapping)}`,
      `with ${describeValue(s.map.mapping)}`,
      t.map.site,
      s.map.site,
    );
  return out;
}

/**
 * The same feature prepared differently for training and for serving: the model sees values
 * at serving time that it never saw in training.
 */
export const skewDivergentTransform: PythonPairRule = {
  meta: {
    id: 'skew/divergent-transform',
    defaultSeverity: 'warning',
    title: 'Feature transformed differently in training and serving',
  },
  target: 'python-pair',
  check(pair: TrainingServingPair, context) {
    const training = treatmentsOf(context.index, pair.trainingFiles);
    const serving = treatmentsOf(context.index, pair.servingFiles);
    const reports: Report[] = [];
    for (const [feature, servingTreatment] of serving) {
      const trainingTreatment = training.get(feature);
      if (!trainingTreatment) continue;
      for (const d of divergences(trainingTreatment, servingTreatment)) {
        reports.push({
          uri: d.servingSite.uri,
          range: d.servingSite.range,
          message: `${feature}: training ${d.training}, serving ${d.serving}.`,
          fixes: [
            ...(d.fixes ?? []),
            ...sharedPreprocessingFix(context, {
              trainingUri: d.trainingSite.uri,
              servingUri: d.servingSite.uri,
              feature,
            }),
          ],
          related: [
            { uri: d.trainingSite.uri, range: d.trainingSite.range, message: `${feature} in training` },
          ],
        });
      }
    }
    return reports;
  },
};
