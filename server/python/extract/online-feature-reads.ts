import type { Node } from 'web-tree-sitter';
import type { OnlineFeatureReadFact } from '../facts/point-in-time.ts';
import { rangeOf, spanRange } from '../syntax/node-range.ts';
import { argumentNode, lastSegment, type FileContext } from './file-context.ts';
import type { FrameColumns } from './frame-columns.ts';
import { isInside } from './training-markers.ts';

const TABLE_READERS = new Set(['read_sql', 'read_sql_table', 'read_sql_query', 'read_parquet', 'read_gbq']);
/** A table or path of a feature store's online store: `online_store`, `driver_stats_online`. */
const ONLINE_TABLE = /(^|[^a-z])online([^a-z]|$)/i;

/**
 * Reads of a feature store's latest values: Feast `store.get_online_features(...)` in a file that
 * imports feast, and pandas reads of an online-store table.
 */
export function extractOnlineFeatureReads(
  context: FileContext,
  frames: FrameColumns | null,
  handlerScopes: ReadonlySet<string>,
): OnlineFeatureReadFact[] {
  const usesFeast = context.imports.some((i) => i.module === 'feast' || i.module.startsWith('feast.'));
  const out: OnlineFeatureReadFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const callee = context.callee(node);
    const name = lastSegment(callee);
    const inHandler = isInside(scope, handlerScopes);
    if (name === 'get_online_features' && usesFeast) {
      const fn = node.childForFieldName('function');
      const rows = argumentNode(node, 1, 'entity_rows');
      const frame = rows ? recordsFrame(rows) : null;
      const chained = chainedConversion(node);
      out.push({
        kind: 'online-features',
        call: context.call(node, scope),
        replaceRange: chained ? spanRange(node, chained) : rangeOf(node),
        receiverText: fn?.childForFieldName('object')?.text ?? null,
        featuresText: argumentNode(node, 0, 'features')?.text ?? null,
        entityFrame: frame && frames ? { ...frames.of(frame, scope), ...frameSide(frame) } : null,
        inHandler,
        scope,
      });
      continue;
    }
    if (!TABLE_READERS.has(name) || !callee.startsWith('pandas.')) continue;
    const source = argumentNode(node, 0, name === 'read_sql_table' ? 'table_name' : undefined);
    if (!source || !ONLINE_TABLE.test(source.text)) continue;
    out.push({
      kind: 'online-table',
      call: context.call(node, scope),
      replaceRange: rangeOf(node),
      receiverText: null,
      featuresText: null,
      entityFrame: null,
      inHandler,
      scope,
    });
  }
  return out;
}

/** `frame` in `frame.to_dict("records")` / `frame.to_dict(orient="records")`. */
function recordsFrame(rows: Node): Node | null {
  if (rows.type !== 'call') return null;
  const fn = rows.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'to_dict') return null;
  const orient = argumentNode(rows, 0, 'orient');
  if (!orient || !/^["']records["']$/.test(orient.text)) return null;
  return fn.childForFieldName('object');
}

/** The `.to_df()` / `.to_dict()` call chained on the read, when there is one. */
function chainedConversion(node: Node): Node | null {
  const attribute = node.parent;
  if (attribute?.type !== 'attribute') return null;
  const method = attribute.childForFieldName('attribute')?.text;
  const call = attribute.parent;
  if ((method !== 'to_df' && method !== 'to_dict') || call?.type !== 'call') return null;
  return call;
}

function frameSide(node: Node): {
  text: string;
  range: ReturnType<typeof rangeOf>;
  dimension: boolean;
  postfixSafe: boolean;
} {
  return {
    text: node.text,
    range: rangeOf(node),
    dimension: false,
    postfixSafe: node.type === 'identifier' || node.type === 'attribute' || node.type === 'subscript',
  };
}
