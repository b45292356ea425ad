import type { PointInTimeFacts } from '../facts/point-in-time.ts';
import type { FileContext } from './file-context.ts';
import { FrameColumns } from './frame-columns.ts';
import { extractJoins } from './joins.ts';
import { extractOnlineFeatureReads } from './online-feature-reads.ts';

/** Joins and online feature reads, over one pass of what is known about the file's frames. */
export function extractPointInTime(
  context: FileContext,
  handlerScopes: ReadonlySet<string>,
): PointInTimeFacts {
  const hasJoin = context.buckets.calls.some(({ node }) => {
    const name = node.childForFieldName('function')?.text ?? '';
    return /(^|\.)(merge|join|get_online_features|read_sql\w*|read_parquet|read_gbq)$/.test(name);
  });
  if (!hasJoin) return EMPTY_POINT_IN_TIME;
  const frames = new FrameColumns(context);
  return {
    joins: extractJoins(context, frames, handlerScopes),
    onlineReads: extractOnlineFeatureReads(context, frames, handlerScopes),
  };
}

export const EMPTY_POINT_IN_TIME: PointInTimeFacts = { joins: [], onlineReads: [] };
