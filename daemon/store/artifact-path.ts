/**
 * Logical artifact paths as clients send them in URLs (`1/<run id>/artifacts/model/MLmodel`).
 * Each segment is percent-decoded once; the result must be a clean relative POSIX path: no
 * `.` or `..` segments, no empty segments, no leading slash, no backslashes, no drive letters,
 * no control characters. Anything else is MLflow's 400 INVALID_PARAMETER_VALUE.
 */
import { invalidParameter } from './tracking-error.ts';

export function decodeArtifactPath(encoded: string): string {
  let decoded: string;
  try {
    decoded = encoded
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
  } catch {
    throw invalidParameter(`Invalid path: '${encoded}' is not valid percent-encoding.`);
  }
  return validateArtifactPath(decoded);
}

export function validateArtifactPath(candidate: string): string {
  const invalid = (): never => {
    throw invalidParameter(`Invalid path: '${candidate}'. Paths must be relative and must not contain '..'.`);
  };
  if (candidate === '') return '';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f]/.test(candidate) || candidate.startsWith('/') || /^[A-Za-z]:/.test(candidate))
    invalid();
  const segments = candidate.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) invalid();
  return candidate;
}
