/**
 * The runs compare webview's message protocol. Owned here; the extension host imports it. Types,
 * constants and the runtime validation of what crosses the boundary (no `vscode`, no DOM).
 */

/** One run as the compare view shows it: identity, status, params and latest metric values. */
export interface CompareRun {
  readonly runId: string;
  readonly name: string;
  readonly status: string;
  readonly experimentId: string;
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly endTime?: number;
  readonly params: Readonly<Record<string, string>>;
  /** The latest value of each metric; `null` when it was NaN. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One metric's history for one run, columnar (steps and values side by side, in step order) so
 * that long histories cross the boundary cheaply. A NaN value travels as `null`.
 */
export interface MetricHistory {
  readonly runId: string;
  readonly key: string;
  readonly steps: readonly number[];
  readonly values: readonly (number | null)[];
}

export interface ComparePayload {
  readonly runs: readonly CompareRun[];
  readonly histories: readonly MetricHistory[];
  /** The `max_points` the histories were asked with: the daemon keeps each range's min and max. */
  readonly maxPoints: number;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'compare'; readonly payload: ComparePayload }
  | { readonly type: 'error'; readonly payload: { readonly message: string } };

/** Webview → host, after the shared handshake (webviews/shared/panel-protocol.ts). */
export type WebviewMessage = { readonly type: 'showLineage'; readonly payload: { readonly runId: string } };

/** How many points per run and metric the host asks the daemon for. */
export const DEFAULT_MAX_POINTS = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRecordOf(value: unknown, check: (entry: unknown) => boolean): boolean {
  return isRecord(value) && Object.values(value).every(check);
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isNumberOrNull = (value: unknown): boolean => value === null || typeof value === 'number';

function isRun(value: unknown): value is CompareRun {
  return (
    isRecord(value) &&
    typeof value.runId === 'string' &&
    typeof value.name === 'string' &&
    typeof value.status === 'string' &&
    typeof value.experimentId === 'string' &&
    isFiniteNumber(value.startTime) &&
    (value.endTime === undefined || isFiniteNumber(value.endTime)) &&
    isRecordOf(value.params, isString) &&
    isRecordOf(value.metrics, isNumberOrNull) &&
    isRecordOf(value.tags, isString)
  );
}

function isHistory(value: unknown): value is MetricHistory {
  if (!isRecord(value)) return false;
  const { steps, values } = value;
  if (typeof value.runId !== 'string' || typeof value.key !== 'string') return false;
  if (!Array.isArray(steps) || !Array.isArray(values)) return false;
  if (steps.length !== values.length) return false;
  for (let i = 0; i < steps.length; i++) {
    if (!isFiniteNumber(steps[i]) || !isNumberOrNull(values[i])) return false;
  }
  return true;
}

/** Validates what arrives from the host; anything malformed is refused whole, not half-used. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || !isRecord(value.payload)) return undefined;
  const payload = value.payload;
  if (value.type === 'error')
    return typeof payload.message === 'string'
      ? { type: 'error', payload: { message: payload.message } }
      : undefined;
  if (value.type !== 'compare') return undefined;
  const { runs, histories, maxPoints } = payload;
  if (!Array.isArray(runs) || !Array.isArray(histories) || !isFiniteNumber(maxPoints)) return undefined;
  if (!runs.every(isRun) || !histories.every(isHistory)) return undefined;
  return { type: 'compare', payload: { runs, histories, maxPoints } };
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'showLineage' && isRecord(value.payload) && typeof value.payload.runId === 'string')
    return { type: 'showLineage', payload: { runId: value.payload.runId } };
  return undefined;
}
