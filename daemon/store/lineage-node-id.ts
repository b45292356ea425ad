/** Lineage node ids, `<type>:<key>`, as the lineage API takes and returns them. */
import type { LineageNodeType } from '../api/contract.ts';
import { invalidParameter } from './tracking-error.ts';

export const LINEAGE_NODE_TYPES: readonly LineageNodeType[] = [
  'dataset',
  'preprocessing',
  'code',
  'environment',
  'run',
  'model_version',
  'deployment',
  'drift_report',
  'alert',
];

export interface NodeRef {
  type: LineageNodeType;
  key: string;
}

export function nodeId(type: LineageNodeType, key: string): string {
  return `${type}:${key}`;
}

export function parseNodeId(id: string): NodeRef {
  const colon = id.indexOf(':');
  const type = LINEAGE_NODE_TYPES.find((t) => t === id.slice(0, colon));
  const key = id.slice(colon + 1);
  if (colon <= 0 || type === undefined || key === '') {
    throw invalidParameter(
      `Invalid lineage node '${id}': expected <type>:<id> with type one of ${LINEAGE_NODE_TYPES.join(', ')}.`,
    );
  }
  return { type, key };
}

/** Splits `name@version`-style keys at the last '@' (names may hold '@'). */
export function splitAt(key: string): [string, string] | undefined {
  const at = key.lastIndexOf('@');
  return at <= 0 || at === key.length - 1 ? undefined : [key.slice(0, at), key.slice(at + 1)];
}
