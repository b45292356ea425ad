/**
 * The drift dashboard webview's message protocol, owned here; the extension host imports it.
 * Types and the runtime validation of what crosses the boundary (no `vscode`, no DOM).
 */
import { isRecord } from '../shared/panel-protocol.ts';
import { isModelHealth } from './health-contract.ts';
import type { ModelHealth } from './health-contract.ts';

/** What the dashboard shows: one model version's drift. */
export interface DriftSubject {
  readonly model: string;
  readonly version: string;
}

export type Verdict = 'stable' | 'investigate' | 'drifted';
export const VERDICTS: readonly Verdict[] = ['stable', 'investigate', 'drifted'];

/** Reference and current shares of the same bins (`labels` names each bin). */
export interface Histogram {
  readonly labels: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

export interface FeatureRow {
  readonly feature: string;
  readonly type: 'numerical' | 'categorical';
  readonly isPrediction: boolean;
  readonly stattest: string;
  /** `p-value`: drift below the threshold; `distance`: drift at or above it. */
  readonly kind: 'p-value' | 'distance';
  /** `null`: not computable, as when no current value has the feature's type (the daemon sends null). */
  readonly statistic: number | null;
  readonly threshold: number;
  readonly verdict: Verdict;
  readonly psi: number | null;
  readonly histogram?: Histogram;
  /** The statistic in each timeline window (`null`: the feature was not in that report). */
  readonly timeline: readonly (number | null)[];
}

export interface AlertRow {
  readonly alertId: string;
  readonly rule: string;
  readonly feature?: string;
  readonly status: 'pending' | 'open' | 'resolved';
  readonly silenced: boolean;
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
  readonly lastSeen: number;
}

export interface DriftDashboardData {
  readonly model: string;
  readonly version: string;
  /** The newest report; absent when the version has none yet. */
  readonly report?: {
    readonly reportId: string;
    readonly createdTime: number;
    readonly windowFrom: number;
    readonly windowTo: number;
    readonly windowCount: number;
    readonly referenceKind: string;
    readonly referenceCount: number;
    readonly driftedFeatures: number;
    readonly driftShare: number;
    readonly driftShareThreshold: number;
    readonly datasetDrift: boolean;
  };
  /** Drifted first, then investigate, then stable; by name within each. */
  readonly features: readonly FeatureRow[];
  /** The end of each report's window, oldest first: the x axis of every feature's timeline. */
  readonly timelineTimes: readonly number[];
  readonly alerts: readonly AlertRow[];
  /** Data quality and the retraining recommendation; absent until they were asked for. */
  readonly health?: ModelHealth;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'drift'; readonly payload: DriftDashboardData }
  | { readonly type: 'error'; readonly payload: { readonly message: string } };

/** Webview → host, after the shared handshake. `refreshRecommendation`: ask the daemon again. */
export type WebviewMessage = { readonly type: 'showLineage' } | { readonly type: 'refreshRecommendation' };

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumberArray = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every(isFiniteNumber);

function isHistogram(value: unknown): value is Histogram {
  if (!isRecord(value) || !Array.isArray(value.labels) || !value.labels.every(isString)) return false;
  const bins = value.labels.length;
  return (
    isNumberArray(value.reference) &&
    isNumberArray(value.current) &&
    value.reference.length === bins &&
    value.current.length === bins
  );
}

function isFeature(value: unknown, windows: number): value is FeatureRow {
  return (
    isRecord(value) &&
    isString(value.feature) &&
    (value.type === 'numerical' || value.type === 'categorical') &&
    typeof value.isPrediction === 'boolean' &&
    isString(value.stattest) &&
    (value.kind === 'p-value' || value.kind === 'distance') &&
    (value.statistic === null || isFiniteNumber(value.statistic)) &&
    isFiniteNumber(value.threshold) &&
    VERDICTS.includes(value.verdict as Verdict) &&
    (value.psi === null || isFiniteNumber(value.psi)) &&
    (value.histogram === undefined || isHistogram(value.histogram)) &&
    Array.isArray(value.timeline) &&
    value.timeline.length === windows &&
    value.timeline.every((v) => v === null || isFiniteNumber(v))
  );
}

function isAlert(value: unknown): value is AlertRow {
  return (
    isRecord(value) &&
    isString(value.alertId) &&
    isString(value.rule) &&
    (value.feature === undefined || isString(value.feature)) &&
    (value.status === 'pending' || value.status === 'open' || value.status === 'resolved') &&
    typeof value.silenced === 'boolean' &&
    isFiniteNumber(value.value) &&
    isFiniteNumber(value.threshold) &&
    isString(value.message) &&
    isFiniteNumber(value.lastSeen)
  );
}

function isReport(value: unknown): value is NonNullable<DriftDashboardData['report']> {
  if (!isRecord(value)) return false;
  const numbers = [
    'createdTime',
    'windowFrom',
    'windowTo',
    'windowCount',
    'referenceCount',
    'driftedFeatures',
    'driftShare',
    'driftShareThreshold',
  ];
  return (
    isString(value.reportId) &&
    isString(value.referenceKind) &&
    typeof value.datasetDrift === 'boolean' &&
    numbers.every((name) => isFiniteNumber(value[name]))
  );
}

export function parseSubject(value: unknown): DriftSubject | undefined {
  if (!isRecord(value) || !isString(value.model) || !isString(value.version)) return undefined;
  if (value.model === '' || value.version === '') return undefined;
  return { model: value.model, version: value.version };
}

/** Validates what arrives from the host; anything malformed is refused whole. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || !isRecord(value.payload)) return undefined;
  const payload = value.payload;
  if (value.type === 'error')
    return isString(payload.message) ? { type: 'error', payload: { message: payload.message } } : undefined;
  if (value.type !== 'drift') return undefined;
  const { model, version, report, features, timelineTimes, alerts, health } = payload;
  if (!isString(model) || !isString(version) || !isNumberArray(timelineTimes)) return undefined;
  if (report !== undefined && !isReport(report)) return undefined;
  if (!Array.isArray(features) || !features.every((f) => isFeature(f, timelineTimes.length)))
    return undefined;
  if (!Array.isArray(alerts) || !alerts.every(isAlert)) return undefined;
  if (health !== undefined && !isModelHealth(health)) return undefined;
  return {
    type: 'drift',
    payload: {
      model,
      version,
      ...(report ? { report } : {}),
      features,
      timelineTimes,
      alerts,
      ...(health ? { health } : {}),
    },
  };
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'showLineage') return { type: 'showLineage' };
  if (value.type === 'refreshRecommendation') return { type: 'refreshRecommendation' };
  return undefined;
}
