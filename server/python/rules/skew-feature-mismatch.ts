import type { Fix, Report } from '../../engine/types.ts';
import type { FeatureListFact } from '../facts/file-facts.ts';
import { stringListOf } from '../facts/static-value.ts';
import type { TrainingServingPair } from '../workspace/training-serving-pair.ts';
import type { PythonWorkspaceIndex } from '../workspace/workspace-index.ts';
import type { PythonPairRule } from './python-rule.ts';

interface ResolvedList {
  readonly uri: string;
  readonly fact: FeatureListFact;
  readonly columns: string[];
}

function listsOf(
  index: PythonWorkspaceIndex,
  uris: readonly string[],
  use: 'fit' | 'predict',
): ResolvedList[] {
  const out: ResolvedList[] = [];
  for (const uri of uris) {
    for (const fact of index.get(uri)?.featureLists ?? []) {
      if (fact.use !== use) continue;
      const columns = stringListOf(index.resolve(uri, fact.columns));
      if (columns && columns.length > 0) out.push({ uri, fact, columns });
    }
  }
  return out;
}

function describeDifference(training: string[], serving: string[]): string | null {
  const missing = training.filter((c) => !serving.includes(c));
  const extra = serving.filter((c) => !training.includes(c));
  if (missing.length === 0 && extra.length === 0) {
    if (training.every((c, i) => serving[i] === c)) return null;
    return `are in a different order: serving [${serving.join(', ')}], training [${training.join(', ')}]`;
  }
  const parts = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    extra.length > 0 ? `extra ${extra.join(', ')}` : '',
  ].filter(Boolean);
  return `differ from training's: ${parts.join('; ')}`;
}

/** Where a training feature list constant is defined, when it is a module-level name. */
function constantOrigin(
  index: PythonWorkspaceIndex,
  training: ResolvedList,
): { uri: string; module: string; name: string } | null {
  const name = training.fact.text;
  if (!/^[A-Za-z_]\w*$/.test(name)) return null;
  const facts = index.get(training.uri);
  if (!facts) return null;
  let origin: string | null = facts.constants.some((c) => c.name === name) ? training.uri : null;
  for (const fact of facts.imports) {
    if (origin || !fact.names.some((n) => (n.alias ?? n.name) === name && n.name === name)) continue;
    origin = index.resolveImport(training.uri, fact.module, fact.level);
  }
  const module = origin ? index.moduleNameOf(origin) : null;
  return origin && module ? { uri: origin, module, name } : null;
}

function importTrainingListFix(
  index: PythonWorkspaceIndex,
  training: ResolvedList,
  serving: ResolvedList,
): Fix[] {
  if (serving.fact.how === 'array-literal') return [];
  const origin = constantOrigin(index, training);
  const servingFacts = index.get(serving.uri);
  if (!origin || !servingFacts || origin.uri === serving.uri) return [];
  const alreadyImported = servingFacts.imports.some(
    (i) => i.module === origin.module && i.names.some((n) => n.name === origin.name && n.alias === null),
  );
  const insert = servingFacts.importInsertPosition;
  const edits = [{ range: serving.fact.expressionRange, newText: origin.name }];
  if (!alreadyImported)
    edits.push({
      range: { start: insert, end: insert },
      newText: `from ${origin.module} import ${origin.name}\n`,
    });
  return [
    {
      title: `Use training's feature list ${origin.name} from ${origin.module}`,
      changes: [{ uri: serving.uri, edits }],
      safe: index.get(origin.uri)?.role === 'neither',
    },
  ];
}

/**
 * The model gets its columns by position: a serving feature list that is missing a column,
 * has an extra one, or orders them differently feeds every prediction wrong inputs.
 */
export const skewFeatureMismatch: PythonPairRule = {
  meta: {
    id: 'skew/feature-mismatch',
    defaultSeverity: 'error',
    title: 'Serving feature list differs from training',
  },
  target: 'python-pair',
  check(pair: TrainingServingPair, context) {
    const index = context.index;
    const trainingLists = listsOf(index, pair.trainingFiles, 'fit');
    const distinct = new Set(trainingLists.map((l) => l.columns.join('\u0000')));
    const training = trainingLists[0];
    if (!training || distinct.size !== 1) return [];
    const reports: Report[] = [];
    for (const serving of listsOf(index, pair.servingFiles, 'predict')) {
      let problem: string | null;
      if (serving.fact.how === 'array-literal') {
        problem =
          serving.columns.length === training.columns.length
            ? null
            : `has ${serving.columns.length} values but training fit on ${training.columns.length} features`;
      } else problem = describeDifference(training.columns, serving.columns);
      if (!problem) continue;
      const subject =
        serving.fact.how === 'array-literal' ? 'The row passed to predict' : 'The features passed to predict';
      reports.push({
        uri: serving.uri,
        range: serving.fact.expressionRange,
        message: `${subject} ${problem}.`,
        related: [
          {
            uri: training.uri,
            range: training.fact.expressionRange,
            message: `training fits on [${training.columns.join(', ')}]`,
          },
        ],
        fixes: importTrainingListFix(index, training, serving),
      });
    }
    return reports;
  },
};
