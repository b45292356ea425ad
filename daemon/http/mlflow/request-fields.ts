/**
 * Reads the fields of one MLflow request, from a JSON body (POST) or a query string (GET),
 * with protobuf-JSON rules: int64 as a number or a string of digits, doubles as numbers or
 * "NaN"/"Infinity"/"-Infinity", repeated fields as arrays (repeated query keys). A wrong
 * type or a missing required field is MLflow's 400 INVALID_PARAMETER_VALUE.
 */
import { invalidParameter } from '../../store/tracking-error.ts';

export function missing(name: string): Error {
  return invalidParameter(
    `Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`,
  );
}

function wrongType(name: string, value: unknown, expected: string): Error {
  return invalidParameter(
    `Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied: expected ${expected}.`,
  );
}

export class RequestFields {
  readonly #source: Record<string, unknown>;
  readonly #fromQuery: boolean;

  constructor(source: unknown, fromQuery: boolean) {
    this.#source = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {};
    this.#fromQuery = fromQuery;
  }

  raw(name: string): unknown {
    const value = this.#source[name];
    // A repeated query key that should be single takes its last value, as protobuf does.
    if (this.#fromQuery && Array.isArray(value)) return value.at(-1);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw wrongType(name, value, 'a string');
    return value;
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') throw missing(name);
    return value;
  }

  /** An id that protobuf types as a string but clients may send as a number (model versions). */
  id(name: string): string {
    const value = this.raw(name);
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    return this.string(name);
  }

  /** `run_id`, falling back to the deprecated `run_uuid`. */
  runId(): string {
    const value = this.optionalString('run_id') ?? this.optionalString('run_uuid');
    if (value === undefined || value === '') throw missing('run_id');
    return value;
  }

  optionalInt64(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    return decodeInt64(name, value);
  }

  int64(name: string): number {
    const value = this.optionalInt64(name);
    if (value === undefined) throw missing(name);
    return value;
  }

  double(name: string): number {
    const value = this.raw(name);
    if (value === undefined || value === null) throw missing(name);
    return decodeDouble(name, value);
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw wrongType(name, value, 'a boolean');
  }

  /** A repeated string field: a JSON array, or repeated query keys. */
  stringList(name: string): string[] {
    const value = this.#source[name];
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? (value as unknown[]) : this.#fromQuery ? [value] : undefined;
    if (list === undefined) throw wrongType(name, value, 'an array of strings');
    return list.map((item, index) => {
      if (typeof item !== 'string') throw wrongType(`${name}[${index}]`, item, 'a string');
      return item;
    });
  }

  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value))
      throw wrongType(name, value, `one of ${allowed.join(', ')}`);
    return value as T;
  }
}

export function decodeInt64(name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) return Number(value);
  throw wrongType(name, value, 'a 64-bit integer');
}

export function decodeDouble(name: string, value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw wrongType(name, value, 'a number');
}
