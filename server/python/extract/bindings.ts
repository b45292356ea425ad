import type { Node } from 'web-tree-sitter';
import { namedChildrenOf } from '../syntax/node-range.ts';
import type { ScopedNode } from '../syntax/syntax-buckets.ts';

/** `name = value` (or one element of `a, b = f(...)`, or `with f(...) as name`). */
export interface Binding {
  readonly name: string;
  readonly value: Node;
  /** For tuple unpacking from a call: which element this name receives. */
  readonly element: number | null;
  readonly scope: string | null;
  readonly at: number;
  readonly statement: Node;
}

/** Assignments per scope, in source order, to answer "what was `x` bound to here?". */
export class BindingTable {
  private readonly byScope = new Map<string | null, Map<string, Binding[]>>();

  static build(assignments: readonly ScopedNode[], withItems: readonly ScopedNode[]): BindingTable {
    const table = new BindingTable();
    for (const { node, scope } of assignments) {
      if (node.type !== 'assignment') continue;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) continue;
      table.bindTarget(left, right, scope, node);
    }
    for (const { node, scope } of withItems) {
      const value = node.childForFieldName('value');
      if (value?.type !== 'as_pattern') continue;
      const target = value.childForFieldName('alias');
      const expression = namedChildrenOf(value)[0];
      const name = target ? namedChildrenOf(target)[0] : undefined;
      if (expression && name?.type === 'identifier')
        table.add({
          name: name.text,
          value: expression,
          element: null,
          scope,
          at: node.startIndex,
          statement: node,
        });
    }
    return table;
  }

  private bindTarget(left: Node, right: Node, scope: string | null, statement: Node): void {
    if (left.type === 'identifier') {
      this.add({ name: left.text, value: right, element: null, scope, at: statement.startIndex, statement });
      return;
    }
    if (left.type !== 'pattern_list' && left.type !== 'tuple_pattern' && left.type !== 'list_pattern') return;
    const targets = namedChildrenOf(left);
    const values = right.type === 'expression_list' || right.type === 'tuple' ? namedChildrenOf(right) : null;
    targets.forEach((target, index) => {
      if (target.type !== 'identifier') return;
      const value = values ? values[index] : right;
      if (value)
        this.add({
          name: target.text,
          value,
          element: values ? null : index,
          scope,
          at: statement.startIndex,
          statement,
        });
    });
  }

  private add(binding: Binding): void {
    let names = this.byScope.get(binding.scope);
    if (!names) this.byScope.set(binding.scope, (names = new Map<string, Binding[]>()));
    const list = names.get(binding.name);
    if (list) list.push(binding);
    else names.set(binding.name, [binding]);
  }

  /**
   * The binding of `name` visible at offset `before` in `scope`: the latest earlier one in the
   * same scope, else in the enclosing scopes, else the last one at module level.
   */
  lookup(name: string, scope: string | null, before: number): Binding | null {
    let current: string | null = scope;
    for (let i = 0; i < 32; i++) {
      const list = this.byScope.get(current)?.get(name);
      if (list) {
        const found = current === scope ? list[lastIndexBefore(list, before)] : list[list.length - 1];
        if (found) return found;
      }
      if (current === null) return null;
      const dot = current.lastIndexOf('.');
      current = dot === -1 ? null : current.slice(0, dot);
    }
    return null;
  }

  /** The first binding of `name` in exactly `scope` that starts after offset `after`. */
  nextBinding(name: string, scope: string | null, after: number): Binding | null {
    const list = this.byScope.get(scope)?.get(name);
    if (!list) return null;
    return list[lastIndexBefore(list, after + 1) + 1] ?? null;
  }

  /** Every binding in module scope, in order. */
  moduleBindings(): Binding[] {
    const names = this.byScope.get(null);
    if (!names) return [];
    return [...names.values()].flat().sort((a, b) => a.at - b.at);
  }
}

/** Index of the last binding that starts before `offset` (bindings are in source order), or -1. */
function lastIndexBefore(list: readonly Binding[], offset: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.at ?? 0) < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
