/**
 * Page tokens of the native lists: base64 JSON of the last row's sort key, so a page continues
 * after that row even while newer rows are being written (an offset would shift).
 */
import { invalidParameter } from './tracking-error.ts';

export function encodeKeysetToken(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key of `token` with the fields and types of `shape`; undefined for no token. */
export function decodeKeysetToken<T extends Record<string, string | number>>(
  token: string | undefined,
  shape: T,
): T | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (Object.keys(shape).every((field) => typeof parsed[field] === typeof shape[field])) return parsed as T;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page token: '${token}'`);
}
