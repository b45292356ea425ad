/**
 * Caller identifiers (user, customer, account... ids, and session ids) as the code reads them:
 * parameters, attributes (`req.user_id`), dict keys (`payload["user_id"]`, `.get("sid")`) and
 * fields of a request model class (`req: Request` where `class Request` has `user_id: str`).
 */
import type { Node } from 'web-tree-sitter';
import type { CallerIdFact } from '../facts/ab-testing.ts';
import { SESSION_ID, USER_ID } from '../catalog/ab-apis.ts';
import { namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import { parametersOf } from './definitions.ts';
import type { FileContext } from './file-context.ts';

/** What kind of caller id a name is; a bare `session` is too often a database session. */
function kindOfName(written: string, bare: boolean): CallerIdFact['kind'] | null {
  // Header and cookie names: `X-User-Id` → `user_id`.
  const name = bare ? written : written.toLowerCase().replace(/^x-/, '').replace(/-/g, '_');
  if (USER_ID.test(name)) return 'user';
  if (SESSION_ID.test(name) && !(bare && name.toLowerCase() === 'session')) return 'session';
  return null;
}

function stringContent(node: Node | null): string | null {
  if (node?.type !== 'string') return null;
  const content = namedChildrenOf(node).find((c) => c.type === 'string_content');
  return content?.text ?? (node.text.length >= 2 ? node.text.slice(1, -1) : null);
}

/** The caller id that `node` reads, or null: the whole expression, e.g. `req.user_id`. */
export function callerIdKind(node: Node): CallerIdFact['kind'] | null {
  switch (node.type) {
    case 'identifier': {
      const parent = node.parent;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id)
        return null;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) return null;
      if (parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id) return null;
      return kindOfName(node.text, true);
    }
    case 'attribute': {
      const attribute = node.childForFieldName('attribute')?.text ?? '';
      if (attribute === 'id' && /user$/i.test(node.childForFieldName('object')?.text ?? '')) return 'user';
      if (node.parent?.type === 'call' && node.parent.childForFieldName('function')?.id === node.id)
        return null;
      return kindOfName(attribute, true);
    }
    case 'subscript': {
      const key = stringContent(node.childForFieldName('subscript'));
      return key ? kindOfName(key, false) : null;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return null;
      const first = namedChildrenOf(node.childForFieldName('arguments') ?? node)[0] ?? null;
      const key = stringContent(first);
      return key ? kindOfName(key, false) : null;
    }
    default:
      return null;
  }
}

/** Fields of request model classes in this file that hold a user id: class name → field. */
function userFieldsByClass(context: FileContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const { node } of context.buckets.classes) {
    const name = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (!name || !body) continue;
    for (const statement of namedChildrenOf(body, 200)) {
      const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
      if (left?.type === 'identifier' && assignment?.childForFieldName('type') && USER_ID.test(left.text)) {
        out.set(name, left.text);
        break;
      }
    }
  }
  return out;
}

/** Every caller id the file reads, outside the arm-deciding expressions (`keysArm: false`). */
export function extractCallerIds(context: FileContext): CallerIdFact[] {
  const out: CallerIdFact[] = [];
  const fields = userFieldsByClass(context);
  for (const { node, scope } of context.buckets.functions) {
    const name = node.childForFieldName('name')?.text ?? '<anonymous>';
    const qualified = scope ? `${scope}.${name}` : name;
    for (const parameter of parametersOf(node)) {
      const kind = kindOfName(parameter.name, true);
      const field = parameter.annotation ? fields.get(parameter.annotation) : undefined;
      if (kind)
        out.push({ kind, text: parameter.name, range: parameter.range, keysArm: false, scope: qualified });
      else if (field)
        out.push({
          kind: 'user',
          text: `${parameter.name}.${field}`,
          range: parameter.range,
          keysArm: false,
          scope: qualified,
        });
    }
  }
  const candidates = [...context.buckets.attributes, ...context.buckets.subscripts, ...context.buckets.calls];
  for (const { node, scope } of candidates) {
    if (context.expired()) break;
    const kind = callerIdKind(node);
    if (kind) out.push({ kind, text: node.text, range: rangeOf(node), keysArm: false, scope });
  }
  return out;
}
