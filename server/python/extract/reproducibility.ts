import type {
  CallFact,
  DatasetReadFact,
  RandomnessFact,
  RandomnessKind,
  SeedFact,
} from '../facts/file-facts.ts';
import type { StaticValue } from '../facts/static-value.ts';
import { enclosingStatement, rangeOf } from '../syntax/node-range.ts';
import {
  CHECKPOINT_OR_DATA_READERS,
  CROSS_VALIDATION_SPLITTERS,
  DATASET_READERS,
  NUMPY_GLOBAL_RANDOM,
  PYTHON_GLOBAL_RANDOM,
  QUALIFIED_DATASET_READERS,
  RANDOM_ESTIMATORS,
  SEED_CALLS,
} from '../catalog/ml-apis.ts';
import { namesTrainingData } from './data-or-checkpoint.ts';
import { argumentNode, assignedName, keyword, lastSegment, type FileContext } from './file-context.ts';

export interface ReproducibilityFacts {
  readonly datasets: DatasetReadFact[];
  readonly seeds: SeedFact[];
  readonly randomness: RandomnessFact[];
}

export function extractReproducibility(context: FileContext): ReproducibilityFacts {
  const datasets: DatasetReadFact[] = [];
  const seeds: SeedFact[] = [];
  const randomness: RandomnessFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const callee = context.callee(node);
    const last = lastSegment(callee);
    const relevant =
      DATASET_READERS[last] !== undefined ||
      QUALIFIED_DATASET_READERS.has(callee) ||
      callee === 'open' ||
      SEED_CALLS.has(callee) ||
      last === 'seed_everything' ||
      last === 'set_seed' ||
      randomKind(callee, last) !== null;
    if (!relevant) continue;
    const call = context.call(node, scope);
    const name = lastSegment(call.callee);
    const root = call.callee.split('.')[0] ?? '';
    const reader = DATASET_READERS[name];
    const isReader =
      reader !== undefined &&
      (reader !== 'numpy' || root === 'numpy') &&
      (reader !== 'datasets' || root === 'datasets' || call.callee === name);
    const qualifiedPathKeyword = QUALIFIED_DATASET_READERS.get(call.callee);
    const opensForReading =
      (call.callee === 'open' || call.callee === 'h5py.File') &&
      !isWriteMode(call.arguments.positional[1]?.value, keyword(call, 'mode')?.value);
    if (isReader || (qualifiedPathKeyword !== undefined && call.callee !== 'h5py.File') || opensForReading) {
      const pathNode = argumentNode(
        node,
        0,
        qualifiedPathKeyword ??
          (call.callee === 'open' ? 'file' : name === 'load_dataset' ? 'path' : 'filepath_or_buffer'),
      );
      const path = pathNode ? context.evaluate(pathNode, scope) : null;
      const isData = CHECKPOINT_OR_DATA_READERS.has(call.callee)
        ? namesTrainingData(pathTextOf(path) || (pathNode?.text ?? ''))
        : !isNotData(path);
      if (isData)
        datasets.push({
          api: call.callee,
          call,
          path,
          target: assignedName(node),
          statementRange: rangeOf(enclosingStatement(node)),
          scope,
        });
      continue;
    }
    if (
      SEED_CALLS.has(call.callee) ||
      name === 'seed_everything' ||
      (name === 'set_seed' && root !== call.callee)
    ) {
      seeds.push({
        api: call.callee,
        call,
        value: call.arguments.positional[0]?.value ?? keyword(call, 'seed')?.value ?? null,
        scope,
      });
      continue;
    }
    const kind = randomKind(call.callee, name);
    if (!kind) continue;
    if (
      kind === 'cross-validation' &&
      name.startsWith('KFold') &&
      keyword(call, 'shuffle')?.value.kind !== 'boolean'
    )
      continue;
    if (kind === 'estimator' && name === 'LogisticRegression' && !shufflingSolver(call)) continue;
    if (kind === 'dataloader') {
      const shuffle = keyword(call, 'shuffle')?.value;
      if (!(shuffle?.kind === 'boolean' && shuffle.value)) continue;
    }
    const seedArgument =
      ['random_state', 'seed', 'generator', 'random_seed', 'rng'].find(
        (k) => keyword(call, k) !== undefined,
      ) ?? null;
    const seedValue = seedArgument ? keyword(call, seedArgument)?.value : undefined;
    const seeded = seedArgument !== null && seedValue?.kind !== 'none';
    randomness.push({ kind, api: call.callee, call, seedArgument, seeded, scope });
  }
  return { datasets, seeds, randomness };
}

/**
 * LogisticRegression uses `random_state` only to shuffle for the sag, saga and liblinear solvers;
 * the default lbfgs (and newton-cg, newton-cholesky) is deterministic. A solver that is not a
 * literal is taken as possibly shuffling.
 */
function shufflingSolver(call: CallFact): boolean {
  const solver = keyword(call, 'solver')?.value;
  if (!solver) return false;
  return solver.kind !== 'string' || ['sag', 'saga', 'liblinear'].includes(solver.value);
}

function randomKind(callee: string, name: string): RandomnessKind | null {
  if (name === 'train_test_split') return 'split';
  if (RANDOM_ESTIMATORS.has(name)) return 'estimator';
  if (CROSS_VALIDATION_SPLITTERS.has(name)) return 'cross-validation';
  if (name === 'DataLoader') return 'dataloader';
  if (callee.startsWith('numpy.random.') && NUMPY_GLOBAL_RANDOM.has(name)) return 'numpy-global';
  if (callee.startsWith('random.') && callee.split('.').length === 2 && PYTHON_GLOBAL_RANDOM.has(name))
    return 'python-global';
  if (
    callee === 'torch.randn' ||
    callee === 'torch.rand' ||
    callee === 'torch.randperm' ||
    callee === 'torch.randint'
  )
    return 'torch';
  return null;
}

const NOT_DATA_EXTENSIONS =
  /\.(pkl|pickle|joblib|pt|pth|bin|onnx|h5|keras|safetensors|skops|yaml|yml|toml|cfg|ini|md|py|log)$/i;

/** Model files and configuration opened for reading are not datasets. */
function isNotData(path: StaticValue | null): boolean {
  return NOT_DATA_EXTENSIONS.test(pathTextOf(path));
}

/** The path a static value names, or '' when it is not known. */
function pathTextOf(path: StaticValue | null): string {
  return path?.kind === 'string' || path?.kind === 'path'
    ? path.value
    : path?.kind === 'pattern'
      ? path.glob
      : '';
}

function isWriteMode(...values: (StaticValue | undefined)[]): boolean {
  return values.some((v) => v?.kind === 'string' && /[wax+]/.test(v.value));
}
