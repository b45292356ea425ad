/** Opaque page tokens: base64 of `{"offset": n}`, the shape MLflow's own server uses. */
import { invalidParameter } from './tracking-error.ts';

export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

export function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page token, could not base64-decode or parse: '${token}'`);
}

/**
 * Cuts one page from rows fetched with `LIMIT limit + 1`: the extra row only proves that a next
 * page exists, so the last page never comes back empty with a token.
 */
export function cutPage<T>(rows: T[], offset: number, limit: number): { items: T[]; nextPageToken?: string } {
  if (rows.length <= limit) return { items: rows };
  return { items: rows.slice(0, limit), nextPageToken: encodePageToken(offset + limit) };
}
