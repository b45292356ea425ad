/**
 * What the A/B extractor recognises: the draws that pick an arm at random, the names of arms
 * and of caller identifiers, hash functions, power analyses and significance tests.
 */

/** Draws of a uniform number in [0, 1): a sticky fraction of the user id replaces them. */
export const FRACTION_DRAWS = new Set([
  'random.random',
  'numpy.random.rand',
  'numpy.random.random',
  'numpy.random.random_sample',
  'numpy.random.sample',
]);

/** Draws of one element of a sequence: a sticky choice by user id replaces them. */
export const CHOICE_DRAWS = new Set(['random.choice', 'numpy.random.choice', 'secrets.choice']);

/**
 * What a per-call draw gives: a uniform number (`fraction`, an arm only once compared or scaled),
 * or a pick among arms (`pick`: choices, integers). Draws of data (normal noise, permutations,
 * tokens, UUIDs) are none of these.
 */
export function drawKind(callee: string): 'fraction' | 'pick' | null {
  if (FRACTION_DRAWS.has(callee) || /^random\.uniform$|^numpy\.random\.uniform$/.test(callee))
    return 'fraction';
  if (CHOICE_DRAWS.has(callee)) return 'pick';
  if (/^random\.(randint|randrange|choices|sample|getrandbits)$/.test(callee)) return 'pick';
  if (/^secrets\.(randbelow|randbits)$/.test(callee)) return 'pick';
  return /^numpy\.random\.(randint|integers|binomial)$/.test(callee) ? 'pick' : null;
}

/** Per-request randomness on purpose: exploration in a bandit, traffic mirrored to a shadow model. */
export const EXPLORATION = /epsilon|explor|bandit|thompson|shadow|mirror/i;

/** Variables, attributes and dict keys that hold the arm a caller gets. */
export const ARM_NAME =
  /^(?:\w*_)?(arm|variant|bucket|treatment|cohort|group|ab_group|experiment_group)s?(?:_\w*)?$/i;

/** Names that hold the model a request is served by (an arm of a model A/B test). */
export const MODEL_NAME =
  /^(?:\w*_)?(model|predictor|champion|challenger|candidate|version|ranker|scorer|recommender|classifier|regressor|policy)(?:_\w*)?$/i;

/** Functions whose result is an arm: `pick_arm`, `assign_variant`, `choose_model`, `route`. */
export const ARM_FUNCTION =
  /(^|_)(arm|arms|variant|bucket|treatment|cohort|assign\w*|pick\w*|choose\w*|route\w*|select_model|split)(_|$)/i;

/** Identifiers of a user or another long-lived entity: the right key for an arm. */
export const USER_ID =
  /^(?:(user|customer|account|member|client|visitor|player|subscriber|entity|device|tenant)_?id|uid)$/i;

/** Identifiers of one session: a user who comes back gets a new one. */
export const SESSION_ID = /^(session_?id|sessionid|session_key|session_token|sid|session)$/i;

/** Hashing an identifier: the sticky assignment the rules recommend. */
export function isHashCall(callee: string): boolean {
  return (
    /^(hashlib\.\w+|zlib\.(crc32|adler32)|mmh3\.\w+|xxhash\.\w+|farmhash\.\w+|hash)$/.test(callee) ||
    /(^|\.)(sha\d+|md5|blake2\w*|murmur\w*|crc32)$/.test(callee)
  );
}

/** Power analysis and sample-size solvers (statsmodels and friends), by last name segment. */
export const SAMPLE_SIZE_CALLS = new Set([
  'NormalIndPower',
  'TTestIndPower',
  'TTestPower',
  'FTestAnovaPower',
  'GofChisquarePower',
  'tt_ind_solve_power',
  'zt_ind_solve_power',
  'tt_solve_power',
  'solve_power',
  'samplesize_proportions_2indep_onetail',
  'power_proportions_2indep',
]);

/** Names that say a sample size was planned: `min_sample_size`, `SAMPLE_SIZE`, `n_per_arm`. */
export const SAMPLE_SIZE_NAME = /sample_size|samplesize|n_per_arm|per_arm_n|power_analysis/i;
