import type { PointInTimeFacts } from '../facts/point-in-time.ts';
import { lastSegment, type FileContext } from './file-context.ts';
import { FrameColumns } from './frame-columns.ts';
import { extractJoins } from './joins.ts';
import { extractOnlineFeatureReads } from './online-feature-reads.ts';

/**
 * Joins and online feature reads. What is known about the file's frames is gathered only when
 * it has a frame join or a Feast read (`os.path.join` and `",".join` do not count).
 */
export function extractPointInTime(
  context: FileContext,
  handlerScopes: ReadonlySet<string>,
): PointInTimeFacts {
  const needsFrames = context.buckets.calls.some(({ node }) => {
    const callee = context.callee(node);
    const name = lastSegment(callee);
    if (name === 'get_online_features' || callee === 'pandas.merge') return true;
    if (name !== 'merge' && name !== 'join') return false;
    const root = /^[A-Za-z_][A-Za-z0-9_]*/.exec(callee)?.[0];
    return root !== undefined && !context.imported.has(root);
  });
  const frames = needsFrames ? new FrameColumns(context) : null;
  return {
    joins: frames ? extractJoins(context, frames, handlerScopes) : [],
    onlineReads: extractOnlineFeatureReads(context, frames, handlerScopes),
  };
}

export const EMPTY_POINT_IN_TIME: PointInTimeFacts = { joins: [], onlineReads: [] };
