/**
 * The daemon's HTTP types for the lifecycle scorecard of a model version (GET
 * `${NATIVE_API_PREFIX}/scorecard`) and the retirement policy (POST
 * `${NATIVE_API_PREFIX}/retirement`). The extension, the CLI and the scorecard webview import them.
 */

/** The six invariant questions every model version must answer, in this order. */
export type ScorecardQuestionId =
  'provenance' | 'promotion' | 'artifact' | 'validation' | 'monitoring' | 'ownership';

export const SCORECARD_QUESTIONS: Readonly<Record<ScorecardQuestionId, string>> = {
  provenance: 'Which data, code, config, environment and hardware produced it?',
  promotion: 'Which metrics, slices and tests justified promotion?',
  artifact: 'Where is the artifact, and how is it rolled back?',
  validation: 'What validates incoming data and serving features?',
  monitoring: 'What monitors quality, drift, latency, cost, safety and fairness?',
  ownership: 'Who owns incidents, retraining, approvals and deprecation?',
};

/** `answered`: every check found its evidence; `partial`: some did; `missing`: none did. */
export type ScorecardStatus = 'answered' | 'partial' | 'missing';

/**
 * How to close a gap. `command` is a shell command that does it as it stands (the webview runs
 * it in a terminal); `tag` is the registry field to set (a model-version tag), and `snippet` the
 * code to add to the training or serving script where no command can do it.
 */
export interface ScorecardFix {
  /** One sentence: what to do. */
  action: string;
  command?: string;
  tag?: { key: string; value: string };
  snippet?: string;
  /** Words of `command` to replace before running it (TEAM, CONTEXT, …); absent when it runs as it is. */
  placeholders?: string[];
}

/** One thing a question looks for (the dataset, the git commit, the owner, …). */
export interface ScorecardCheck {
  /** Short name, e.g. `data`, `code`, `rollback path`. */
  name: string;
  found: boolean;
  /** What was found: ids, URIs, values. Empty when not found. */
  evidence: string[];
  /** Present exactly when not found. */
  fix?: ScorecardFix;
}

export interface ScorecardAnswer {
  id: ScorecardQuestionId;
  question: string;
  status: ScorecardStatus;
  checks: ScorecardCheck[];
}

/**
 * GET `${NATIVE_API_PREFIX}/scorecard?name=&version=`. `score` (0–100) is the mean, over the six
 * questions, of the share of each question's checks that found their evidence, rounded.
 */
export interface Scorecard {
  model_name: string;
  model_version: string;
  stage: string;
  aliases: string[];
  created_time: number;
  score: number;
  answers: ScorecardAnswer[];
}

export interface ScorecardResponse {
  scorecard: Scorecard;
}

/** Model-version tags the scorecard reads besides lineage (set them with `mlops-lens models tag`). */
export const SCORECARD_TAGS = {
  owner: 'mlops_lens.owner',
  intendedUse: 'mlops_lens.intended_use',
  limitations: 'mlops_lens.limitations',
  approvedBy: 'mlops_lens.approval.approved_by',
  approvedAt: 'mlops_lens.approval.approved_at',
  changelog: 'mlops_lens.changelog',
  tests: 'mlops_lens.tests',
  expectationSuite: 'mlops_lens.expectation_suite',
  fairnessSlices: 'mlops_lens.fairness.slices',
  safetyMonitor: 'mlops_lens.safety.monitor',
  retired: 'mlops_lens.retired',
} as const;

/**
 * POST `${NATIVE_API_PREFIX}/retirement`: versions without traffic for `days` (no live
 * deployment, no alias, no serving sample in that time, registered before it) are archived
 * (stage `Archived`, tag `mlops_lens.retired`) when `apply`; otherwise only listed. Archived
 * versions keep their artifact, so `mlops-lens models promote` brings one back.
 */
export interface RetirementRequest {
  days: number;
  model_name?: string;
  apply?: boolean;
}

export interface RetirementCandidate {
  model_name: string;
  model_version: string;
  stage: string;
  /** The last time it served: its latest serving sample or live deployment, if any. */
  last_traffic_time?: number;
  /** Why it is idle, in one sentence. */
  reason: string;
  /** How to bring it back. */
  rollback_command: string;
}

export interface RetirementResponse {
  applied: boolean;
  days: number;
  candidates: RetirementCandidate[];
}
