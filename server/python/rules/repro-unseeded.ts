import type { Fix, Report } from '../../engine/types.ts';
import type { ConstantFact, PythonFileFacts, RandomnessFact, RandomnessKind } from '../facts/file-facts.ts';
import type { PythonFileRule } from './python-rule.ts';

const SEED_NAMES = /^(SEED|RANDOM_SEED|RANDOM_STATE|SEED_VALUE|GLOBAL_SEED)$/;

/** The seed call that makes each kind of randomness reproducible without a local argument. */
const GLOBAL_SEEDS: Readonly<Record<RandomnessKind, readonly string[]>> = {
  split: ['numpy.random.seed'],
  estimator: ['numpy.random.seed'],
  'cross-validation': ['numpy.random.seed'],
  dataloader: ['torch.manual_seed'],
  'numpy-global': ['numpy.random.seed'],
  'python-global': ['random.seed'],
  torch: ['torch.manual_seed'],
};

/** The keyword that seeds each kind locally, for the fix. */
const SEED_KEYWORD: Partial<Record<RandomnessKind, string>> = {
  split: 'random_state',
  estimator: 'random_state',
  'cross-validation': 'random_state',
};

function seedText(facts: PythonFileFacts): string {
  const constant = facts.constants.find(
    (c: ConstantFact) => SEED_NAMES.test(c.name) && c.value.kind === 'number',
  );
  return constant ? constant.name : '42';
}

function addSeedFix(facts: PythonFileFacts, fact: RandomnessFact): Fix[] {
  const keyword = SEED_KEYWORD[fact.kind];
  if (!keyword) return [];
  const seed = seedText(facts);
  const args = fact.call.arguments;
  const existing = args.keywords.find((k) => k.name === keyword);
  const edit = existing
    ? { range: existing.range, newText: seed }
    : {
        range: { start: args.insertPosition, end: args.insertPosition },
        newText: `${args.needsComma ? ', ' : ''}${keyword}=${seed}`,
      };
  return [{ title: `Add ${keyword}=${seed}`, changes: [{ uri: facts.uri, edits: [edit] }], safe: true }];
}

/**
 * Randomness without a seed makes a training run impossible to reproduce: the split, the
 * estimator's initialisation and the batch order change on every run.
 */
export const reproUnseeded: PythonFileRule = {
  meta: { id: 'repro/unseeded', defaultSeverity: 'information', title: 'Randomness without a seed' },
  target: 'python-file',
  check(facts) {
    if (facts.role === 'serving') return [];
    const seeded = new Set(facts.seeds.map((s) => s.api));
    const reports: Report[] = [];
    for (const fact of facts.randomness) {
      if (fact.seeded || GLOBAL_SEEDS[fact.kind].some((api) => seeded.has(api))) continue;
      const what =
        fact.seedArgument === null && SEED_KEYWORD[fact.kind]
          ? `${fact.call.calleeText}() has no ${SEED_KEYWORD[fact.kind]}`
          : `${fact.call.calleeText}() is not seeded`;
      reports.push({
        range: fact.call.range,
        message: `${what}: results change from run to run.`,
        fixes: addSeedFix(facts, fact),
      });
    }
    return reports;
  },
};
