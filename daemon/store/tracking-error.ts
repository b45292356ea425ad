/**
 * Errors the store raises for the caller to report. Codes are MLflow's `error_code` values, so
 * the HTTP edge maps them one to one and MLflow clients map them to their own exceptions.
 */
export type TrackingErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'INVALID_STATE'
  | 'BAD_REQUEST'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL_ERROR';

export class TrackingError extends Error {
  readonly code: TrackingErrorCode;
  constructor(code: TrackingErrorCode, message: string) {
    super(message);
    this.name = 'TrackingError';
    this.code = code;
  }
}

export function invalidParameter(message: string): TrackingError {
  return new TrackingError('INVALID_PARAMETER_VALUE', message);
}

export function notFound(message: string): TrackingError {
  return new TrackingError('RESOURCE_DOES_NOT_EXIST', message);
}

export function alreadyExists(message: string): TrackingError {
  return new TrackingError('RESOURCE_ALREADY_EXISTS', message);
}
