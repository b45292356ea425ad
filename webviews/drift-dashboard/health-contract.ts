/**
 * The model-health part of the drift dashboard's protocol: the data-quality failures of the
 * window the latest drift report covers, and the retraining recommendation with its attribution
 * evidence. Types and their runtime validation (no `vscode`, no DOM); contract.ts carries them.
 */
import { isRecord } from '../shared/panel-protocol.ts';

export type HealthAction = 'retrain' | 'investigate_upstream' | 'wait_for_labels' | 'no_action';
export const HEALTH_ACTIONS: readonly HealthAction[] = [
  'retrain',
  'investigate_upstream',
  'wait_for_labels',
  'no_action',
];

/** One failed check: a schema check of a column, or an expectation of a suite. */
export interface QualityFailureRow {
  readonly column: string;
  /** `type change`, `null spike`, … or the expectation type. */
  readonly check: string;
  /** What the window showed, as the check measures it (`100% of rows`, `string`). */
  readonly observed: string;
  /** What training or the suite allows. */
  readonly expected: string;
  /** Offending rows, and the rows checked. */
  readonly rowsAffected: number;
  readonly rows: number;
  /** Up to 5 offending values, when the report has them. */
  readonly samples: readonly string[];
  readonly detail: string;
}

export type QualitySection =
  | {
      readonly state: 'report';
      readonly windowFrom: number;
      readonly windowTo: number;
      readonly rows: number;
      readonly checks: number;
      readonly failures: readonly QualityFailureRow[];
    }
  /** No report could be made; `reason` says why, the webview says how to get one. */
  | { readonly state: 'none'; readonly reason: string };

export interface EvidenceRow {
  readonly kind: string;
  readonly subject?: string;
  readonly detail: string;
}

export type RecommendationSection =
  | {
      readonly state: 'recommendation';
      readonly action: HealthAction;
      readonly reasoning: string;
      readonly createdTime: number;
      /** The attribution's one sentence, and the facts behind it. */
      readonly summary: string;
      readonly evidence: readonly EvidenceRow[];
    }
  | { readonly state: 'none'; readonly reason: string };

export interface ModelHealth {
  readonly quality: QualitySection;
  readonly recommendation: RecommendationSection;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isFailure(value: unknown): value is QualityFailureRow {
  return (
    isRecord(value) &&
    isString(value.column) &&
    isString(value.check) &&
    isString(value.observed) &&
    isString(value.expected) &&
    isCount(value.rowsAffected) &&
    isCount(value.rows) &&
    Array.isArray(value.samples) &&
    value.samples.every(isString) &&
    isString(value.detail)
  );
}

function isQuality(value: unknown): value is QualitySection {
  if (!isRecord(value)) return false;
  if (value.state === 'none') return isString(value.reason);
  return (
    value.state === 'report' &&
    isTime(value.windowFrom) &&
    isTime(value.windowTo) &&
    isCount(value.rows) &&
    isCount(value.checks) &&
    Array.isArray(value.failures) &&
    value.failures.every(isFailure)
  );
}

function isEvidence(value: unknown): value is EvidenceRow {
  return (
    isRecord(value) &&
    isString(value.kind) &&
    (value.subject === undefined || isString(value.subject)) &&
    isString(value.detail)
  );
}

function isRecommendation(value: unknown): value is RecommendationSection {
  if (!isRecord(value)) return false;
  if (value.state === 'none') return isString(value.reason);
  return (
    value.state === 'recommendation' &&
    HEALTH_ACTIONS.includes(value.action as HealthAction) &&
    isString(value.reasoning) &&
    isTime(value.createdTime) &&
    isString(value.summary) &&
    Array.isArray(value.evidence) &&
    value.evidence.every(isEvidence)
  );
}

export function isModelHealth(value: unknown): value is ModelHealth {
  return isRecord(value) && isQuality(value.quality) && isRecommendation(value.recommendation);
}
