/**
 * The GPU board webview's message protocol, owned here; the extension host imports it. Types and
 * the runtime validation of what crosses the boundary (no `vscode`, no DOM).
 */
import { isRecord } from '../shared/panel-protocol.ts';

/** What the board shows: one cluster context's GPUs over the last `minutes`. */
export interface GpuBoardSubject {
  readonly context: string;
  readonly minutes: number;
}

/** The windows the board offers. */
export const BOARD_WINDOWS_MINUTES = [15, 60, 360] as const;

/**
 * One GPU or MIG slice over time, columnar on one time axis (epoch ms, ascending): use in
 * percent and framebuffer used in MiB, `null` where Prometheus had no sample at that time.
 */
export interface SliceSeries {
  /** Stable across refreshes: host, GPU UUID and MIG instance. */
  readonly key: string;
  readonly hostname: string;
  readonly gpu: string;
  readonly modelName: string;
  readonly migProfile?: string;
  /** `namespace/pod` of the pod that held it last in the window. */
  readonly pod?: string;
  readonly times: readonly number[];
  readonly util: readonly (number | null)[];
  readonly fbUsed: readonly (number | null)[];
  /** The device's or slice's framebuffer size (used + free) at its last sample, MiB. */
  readonly fbTotal?: number;
}

export interface GpuBoardData {
  readonly context: string;
  readonly minutes: number;
  readonly stepSeconds: number;
  /** `available`: the series are from Prometheus just now; `unavailable`: none are shown. */
  readonly availability: {
    readonly state: 'available' | 'unavailable';
    readonly checkedTime: number;
    readonly unavailableSince?: number;
    readonly reason?: string;
  };
  readonly slices: readonly SliceSeries[];
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'usage'; readonly payload: GpuBoardData }
  | { readonly type: 'error'; readonly payload: { readonly message: string } };

/** Webview → host, after the shared handshake. */
export type WebviewMessage = { readonly type: 'setWindow'; readonly payload: { readonly minutes: number } };

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isOptional = (value: unknown, check: (v: unknown) => boolean): boolean =>
  value === undefined || check(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function isColumn(value: unknown, length: number): boolean {
  return (
    Array.isArray(value) && value.length === length && value.every((v) => v === null || isFiniteNumber(v))
  );
}

function isSlice(value: unknown): value is SliceSeries {
  if (!isRecord(value) || !Array.isArray(value.times)) return false;
  const length = value.times.length;
  return (
    isString(value.key) &&
    isString(value.hostname) &&
    isString(value.gpu) &&
    isString(value.modelName) &&
    isOptional(value.migProfile, isString) &&
    isOptional(value.pod, isString) &&
    value.times.every(isFiniteNumber) &&
    isColumn(value.util, length) &&
    isColumn(value.fbUsed, length) &&
    isOptional(value.fbTotal, isFiniteNumber)
  );
}

function isAvailability(value: unknown): value is GpuBoardData['availability'] {
  return (
    isRecord(value) &&
    (value.state === 'available' || value.state === 'unavailable') &&
    isFiniteNumber(value.checkedTime) &&
    isOptional(value.unavailableSince, isFiniteNumber) &&
    isOptional(value.reason, isString)
  );
}

export function parseSubject(value: unknown): GpuBoardSubject | undefined {
  if (!isRecord(value) || !isString(value.context) || value.context === '') return undefined;
  if (!BOARD_WINDOWS_MINUTES.some((m) => m === value.minutes)) return undefined;
  return { context: value.context, minutes: value.minutes as number };
}

/** Validates what arrives from the host; anything malformed is refused whole. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || !isRecord(value.payload)) return undefined;
  const payload = value.payload;
  if (value.type === 'error')
    return isString(payload.message) ? { type: 'error', payload: { message: payload.message } } : undefined;
  if (value.type !== 'usage') return undefined;
  const { context, minutes, stepSeconds, availability, slices } = payload;
  if (!isString(context) || !isFiniteNumber(minutes) || !isFiniteNumber(stepSeconds)) return undefined;
  if (!isAvailability(availability) || !Array.isArray(slices) || !slices.every(isSlice)) return undefined;
  if (availability.state === 'unavailable' && slices.length > 0) return undefined;
  return { type: 'usage', payload: { context, minutes, stepSeconds, availability, slices } };
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || value.type !== 'setWindow' || !isRecord(value.payload)) return undefined;
  const minutes = value.payload.minutes;
  return BOARD_WINDOWS_MINUTES.some((m) => m === minutes)
    ? { type: 'setWindow', payload: { minutes: minutes as number } }
    : undefined;
}
