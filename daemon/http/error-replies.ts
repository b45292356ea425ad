/** Every failure leaves as MLflow's `{error_code, message}` with MLflow's HTTP status. */
import type { FastifyError } from 'fastify';
import type { ErrorResponse } from '../api/contract.ts';
import { TrackingError, type TrackingErrorCode } from '../store/tracking-error.ts';

const STATUS_BY_CODE: Record<TrackingErrorCode, number> = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  BAD_REQUEST: 400,
  INVALID_STATE: 400,
  // Not retried by MLflow clients: a full disk does not heal by retrying at once.
  RESOURCE_EXHAUSTED: 507,
  INTERNAL_ERROR: 500,
};

export interface ErrorReply {
  status: number;
  body: ErrorResponse;
  /** Unexpected failures are logged with their stack; client mistakes are not. */
  unexpected: boolean;
}

export function errorReply(error: unknown): ErrorReply {
  if (error instanceof TrackingError) {
    const status = STATUS_BY_CODE[error.code];
    return { status, body: { error_code: error.code, message: error.message }, unexpected: status >= 500 };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status === 413) {
    return {
      status,
      body: {
        error_code: 'REQUEST_LIMIT_EXCEEDED',
        message: 'The request body is larger than the daemon accepts.',
      },
      unexpected: false,
    };
  }
  if (status >= 400 && status < 500) {
    return {
      status: 400,
      body: { error_code: 'BAD_REQUEST', message: fastifyError.message ?? 'Bad request.' },
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: { error_code: 'INTERNAL_ERROR', message: 'The daemon failed to handle this request; see its log.' },
    unexpected: true,
  };
}

export function endpointNotFound(method: string, url: string): ErrorResponse {
  return {
    error_code: 'ENDPOINT_NOT_FOUND',
    message: `No API endpoint matches ${method} ${url.split('?')[0] ?? ''}.`,
  };
}
