import type { DataFrameBuildFact } from '../facts/file-facts.ts';
import { argumentNode, type FileContext } from './file-context.ts';

const BUILDERS = new Set([
  'pandas.DataFrame',
  'pandas.DataFrame.from_dict',
  'pandas.DataFrame.from_records',
  'pandas.json_normalize',
]);

/** DataFrames built in functions (request handlers, helpers), and whether from a single row. */
export function extractDataFrames(context: FileContext): DataFrameBuildFact[] {
  const out: DataFrameBuildFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    if (scope === null || !BUILDERS.has(context.callee(node))) continue;
    const call = context.call(node, scope);
    const first = call.arguments.positional[0];
    const index = call.arguments.keywords.find((k) => k.name === 'index');
    const indexedRecord = index !== undefined && /^\[\s*0\s*\]$/.test(index.text);
    // `[c.model_dump() for c in claims]` is a batch, not a one-element list.
    const comprehension = argumentNode(node, 0)?.type === 'list_comprehension';
    out.push({ call, singleRow: (!comprehension && isOneElementList(first?.text)) || indexedRecord, scope });
  }
  return out;
}

/** `[payload]`, `[req.dict()]`, `[{"a": 1}]`: a list literal with exactly one element. */
function isOneElementList(text: string | undefined): boolean {
  if (!text?.startsWith('[') || !text.endsWith(']')) return false;
  let depth = 0;
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0 && text.slice(i + 1, -1).trim() !== '') return false;
    else if ((c === '"' || c === "'") && depth >= 0) {
      const close = text.indexOf(c, i + 1);
      if (close === -1) return false;
      i = close;
    }
  }
  return text.slice(1, -1).trim() !== '';
}
