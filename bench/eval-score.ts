/** Matching of a case's findings to its labels, and precision and recall per rule. */

/** One expected or reported finding: the rule, and where (case-relative file, 1-based line). */
export interface LabelledFinding {
  readonly file: string;
  readonly line: number;
  readonly ruleId: string;
}

/** What one case expects and what the engine reported for it. */
export interface CaseOutcome {
  readonly name: string;
  readonly expected: readonly LabelledFinding[];
  readonly reported: readonly LabelledFinding[];
}

export interface RuleScore {
  readonly ruleId: string;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** A finding that did not match: a false positive (reported, not expected) or a miss. */
export interface Mismatch extends LabelledFinding {
  readonly caseName: string;
  readonly kind: 'false positive' | 'false negative';
}

export interface EvalScore {
  readonly rules: readonly RuleScore[];
  readonly total: RuleScore;
  readonly mismatches: readonly Mismatch[];
}

const keyOf = (f: LabelledFinding): string => `${f.file}\u0000${f.line}\u0000${f.ruleId}`;

/**
 * Scores every case: a reported finding is a true positive when a label has the same file, line
 * and rule (each label matches at most once, so duplicates count as false positives).
 */
export function scoreCases(cases: readonly CaseOutcome[]): EvalScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const countFor = (ruleId: string) => {
    let entry = counts.get(ruleId);
    if (!entry) counts.set(ruleId, (entry = { tp: 0, fp: 0, fn: 0 }));
    return entry;
  };
  const mismatches: Mismatch[] = [];
  for (const outcome of cases) {
    const open = new Map<string, number>();
    for (const label of outcome.expected) open.set(keyOf(label), (open.get(keyOf(label)) ?? 0) + 1);
    for (const found of outcome.reported) {
      const left = open.get(keyOf(found)) ?? 0;
      if (left > 0) {
        open.set(keyOf(found), left - 1);
        countFor(found.ruleId).tp++;
      } else {
        countFor(found.ruleId).fp++;
        mismatches.push({ ...found, caseName: outcome.name, kind: 'false positive' });
      }
    }
    for (const label of outcome.expected) {
      const left = open.get(keyOf(label)) ?? 0;
      if (left > 0) {
        open.set(keyOf(label), left - 1);
        countFor(label.ruleId).fn++;
        mismatches.push({ ...label, caseName: outcome.name, kind: 'false negative' });
      }
    }
  }
  const rules = [...counts.entries()]
    .map(([ruleId, c]) => ({ ruleId, ...c }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  const total = rules.reduce(
    (sum, r) => ({ ruleId: 'overall', tp: sum.tp + r.tp, fp: sum.fp + r.fp, fn: sum.fn + r.fn }),
    { ruleId: 'overall', tp: 0, fp: 0, fn: 0 },
  );
  return { rules, total, mismatches };
}

/** tp / (tp + fp); undefined when the rule reported nothing. */
export function precisionOf(score: RuleScore): number | undefined {
  return score.tp + score.fp === 0 ? undefined : score.tp / (score.tp + score.fp);
}

/** tp / (tp + fn); undefined when nothing was expected. */
export function recallOf(score: RuleScore): number | undefined {
  return score.tp + score.fn === 0 ? undefined : score.tp / (score.tp + score.fn);
}
