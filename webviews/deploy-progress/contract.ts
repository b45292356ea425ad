/**
 * The deployment progress webview's message protocol, owned here; the extension host imports it.
 * Types and the runtime validation of what crosses the boundary (no `vscode`, no DOM).
 */
import type { DeploymentRecord, RollbackTrigger } from '../../daemon/api/contract.ts';
import type { ServingCostResponse } from '../../daemon/api/cost-contract.ts';
import { isRecord } from '../shared/panel-protocol.ts';

/** What the panel shows: one deployment, by the daemon's id. */
export interface DeployProgressSubject {
  readonly deploymentId: string;
}

/**
 * The serving guardrail values read now from the context's Prometheus (the source the daemon's
 * triggers read), by trigger id; `unavailable` says why there are none.
 */
export interface GuardrailReadings {
  readonly values: Partial<Record<RollbackTrigger['id'], number>>;
  readonly unavailable?: string;
  readonly checkedTime: number;
}

export interface DeployProgressData {
  readonly deployment: DeploymentRecord;
  readonly readings: GuardrailReadings;
  /** What the service costs now (`GET cost/serving`); absent when the daemon could not say. */
  readonly cost?: ServingCostResponse;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'progress'; readonly payload: DeployProgressData }
  | { readonly type: 'error'; readonly payload: { readonly message: string } };

/** Webview → host, after the shared handshake: the user asks to roll the deployment back. */
export type WebviewMessage = {
  readonly type: 'rollBack';
  readonly payload: { readonly deploymentId: string };
};

const STATES = new Set(['planned', 'progressing', 'promoted', 'rolled_back', 'failed', 'interrupted']);
const STRATEGIES = new Set(['direct', 'canary', 'shadow', 'blue-green']);
const TRAFFIC = new Set(['kserve-canary', 'gateway-weights', 'replica-ratio']);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isOptional = (value: unknown, check: (v: unknown) => boolean): boolean =>
  value === undefined || check(value);

function isTrigger(value: unknown): value is RollbackTrigger {
  return (
    isRecord(value) &&
    // Any id: the page shows triggers the daemon adds later as they come.
    isString(value.id) &&
    value.id !== '' &&
    (value.direction === 'above' || value.direction === 'below') &&
    isNumber(value.threshold) &&
    isString(value.unit)
  );
}

function isEvent(value: unknown): boolean {
  return (
    isRecord(value) &&
    isNumber(value.time) &&
    STATES.has(value.state as string) &&
    isNumber(value.traffic_percent) &&
    isString(value.message)
  );
}

function isRunnerReadings(value: unknown): boolean {
  return (
    isRecord(value) &&
    isNumber(value.time) &&
    isRecord(value.values) &&
    Object.values(value.values).every(isNumber) &&
    isRecord(value.evidence) &&
    Object.values(value.evidence).every(isString)
  );
}

/** A `DeploymentRecord` as the daemon sends it; anything malformed is refused. */
export function isDeploymentRecord(value: unknown): value is DeploymentRecord {
  if (!isRecord(value)) return false;
  const strings = ['id', 'model_name', 'model_version', 'context', 'namespace', 'service_name'];
  return (
    strings.every((key) => isString(value[key])) &&
    isOptional(value.previous_version, isString) &&
    STRATEGIES.has(value.strategy as string) &&
    (value.runtime === 'kserve' || value.runtime === 'deployment') &&
    STATES.has(value.state as string) &&
    isNumber(value.traffic_percent) &&
    isOptional(value.reason, isString) &&
    Array.isArray(value.steps) &&
    value.steps.every(isNumber) &&
    TRAFFIC.has(value.traffic as string) &&
    isOptional(value.traffic_note, isString) &&
    Array.isArray(value.triggers) &&
    value.triggers.every(isTrigger) &&
    isNumber(value.created_time) &&
    isNumber(value.updated_time) &&
    Array.isArray(value.events) &&
    value.events.every(isEvent) &&
    isOptional(value.readings, isRunnerReadings)
  );
}

function isReadings(value: unknown): value is GuardrailReadings {
  if (!isRecord(value) || !isRecord(value.values) || !isNumber(value.checkedTime)) return false;
  const values = value.values;
  return Object.values(values).every(isNumber) && isOptional(value.unavailable, isString);
}

function isServingCost(value: unknown): value is ServingCostResponse {
  return (
    isRecord(value) &&
    ['context', 'namespace', 'service', 'currency'].every((key) => isString(value[key])) &&
    Array.isArray(value.pods) &&
    isNumber(value.gpus) &&
    isNumber(value.cost_per_hour) &&
    isOptional(value.requests_per_second, isNumber) &&
    isOptional(value.cost_per_1000_predictions, isNumber) &&
    Array.isArray(value.missing) &&
    value.missing.every(isString)
  );
}

export function parseSubject(value: unknown): DeployProgressSubject | undefined {
  if (!isRecord(value) || !isString(value.deploymentId) || value.deploymentId === '') return undefined;
  return { deploymentId: value.deploymentId };
}

/** Validates what arrives from the host; anything malformed is refused whole. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || !isRecord(value.payload)) return undefined;
  const payload = value.payload;
  if (value.type === 'error')
    return isString(payload.message) ? { type: 'error', payload: { message: payload.message } } : undefined;
  if (value.type !== 'progress') return undefined;
  if (!isDeploymentRecord(payload.deployment) || !isReadings(payload.readings)) return undefined;
  if (!isOptional(payload.cost, isServingCost)) return undefined;
  const data = { deployment: payload.deployment, readings: payload.readings };
  return {
    type: 'progress',
    payload: payload.cost === undefined ? data : { ...data, cost: payload.cost as ServingCostResponse },
  };
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || value.type !== 'rollBack' || !isRecord(value.payload)) return undefined;
  const id = value.payload.deploymentId;
  return isString(id) && id !== '' ? { type: 'rollBack', payload: { deploymentId: id } } : undefined;
}
