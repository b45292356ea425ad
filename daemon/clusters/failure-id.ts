/** A failure's stable id: the same kind on the same pod container (or node) is one failure. */
import { createHash } from 'node:crypto';
import type { ClusterFailureKind } from '../api/contract.ts';

export function failureId(
  kind: ClusterFailureKind,
  where: { namespace: string; pod?: string; container?: string; node?: string },
): string {
  const text = [
    kind,
    where.namespace,
    where.pod ?? '',
    where.container ?? '',
    where.pod ? '' : (where.node ?? ''),
  ].join('\u0000');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
