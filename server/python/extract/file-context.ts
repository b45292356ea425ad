import type { Node, Tree } from 'web-tree-sitter';
import type {
  CallArguments,
  CallFact,
  ImportFact,
  KeywordArgumentFact,
  ArgumentFact,
} from '../facts/file-facts.ts';
import type { StaticValue } from '../facts/static-value.ts';
import { dottedName, endOf, namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import { collectSyntax, type ScopedNode, type SyntaxBuckets } from '../syntax/syntax-buckets.ts';
import { BindingTable, type Binding } from './bindings.ts';
import { extractImports, importedNames, type ImportedName } from './import-aliases.ts';
import { StaticEvaluator } from './static-evaluator.ts';
import { parentOf } from '../syntax/node-parent.ts';

/** Everything the extractors share about one parsed file. */
export class FileContext {
  readonly buckets: SyntaxBuckets;
  readonly imports: ImportFact[];
  readonly imported: Map<string, ImportedName>;
  readonly bindings: BindingTable;
  readonly evaluator: StaticEvaluator;
  private readonly callCache = new Map<number, CallFact>();
  private readonly calleeCache = new Map<number, string>();
  private readonly methodCache = new Map<number, string | null>();
  private targetIds: Set<number> | undefined;

  /** `performance.now()` after which long loops stop early; see `expired`. */
  deadline = Number.POSITIVE_INFINITY;
  /** Set once a loop stopped early because of the deadline. */
  truncatedByTime = false;
  private ticks = 0;

  /** True once past the deadline; checks the clock every 256 calls only. */
  expired(): boolean {
    if (this.truncatedByTime) return true;
    if ((++this.ticks & 255) !== 0) return false;
    this.truncatedByTime = performance.now() > this.deadline;
    return this.truncatedByTime;
  }

  constructor(tree: Tree) {
    this.buckets = collectSyntax(tree);
    this.imports = extractImports(this.buckets.imports);
    this.imported = importedNames(this.imports);
    this.bindings = BindingTable.build(this.buckets.assignments, this.buckets.withItems);
    this.evaluator = new StaticEvaluator(this.bindings, this.imported);
    this.evaluator.qualify = (node) => this.qualify(node);
  }

  /** `pd.read_csv` → `pandas.read_csv`; `StandardScaler` → `sklearn.preprocessing.StandardScaler`. */
  qualify(node: Node): string | null {
    if (node.type !== 'identifier' && node.type !== 'attribute') return null;
    const text = node.text;
    // Brackets or quotes outside a comment mean a call, subscript or literal in the chain.
    const dotted = DOTTED.test(text) ? text : NOT_DOTTED.test(text) ? null : dottedName(node);
    if (!dotted) return null;
    return this.qualifyDotted(dotted);
  }

  /** The qualified callee of a call node, or its text when it is not a dotted name. Cached. */
  callee(node: Node): string {
    const cached = this.calleeCache.get(node.id);
    if (cached !== undefined) return cached;
    const callee = node.childForFieldName('function');
    const qualified = callee ? (this.qualify(callee) ?? callee.text.slice(0, 200)) : '';
    this.calleeCache.set(node.id, qualified);
    return qualified;
  }

  /**
   * The method a call node calls: `fit` in `scaler.fit(X)`; null when its callee is not an
   * attribute. Cached: the extractors look at every call for the methods they know.
   */
  method(node: Node): string | null {
    const cached = this.methodCache.get(node.id);
    if (cached !== undefined) return cached;
    const callee = node.childForFieldName('function');
    const method =
      callee?.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? null) : null;
    this.methodCache.set(node.id, method);
    return method;
  }

  /**
   * Whether `node` is assigned to: the left side of an assignment, or inside a tuple or list
   * pattern there (`a, (b, c) = ...`), up to three patterns deep. Found from the assignments
   * down, once per file, rather than by asking for each node's parents.
   */
  isAssignmentTarget(node: Node): boolean {
    if (!this.targetIds) {
      const ids = new Set<number>();
      const add = (target: Node, depth: number): void => {
        ids.add(target.id);
        if (depth >= 3 || (target.type !== 'pattern_list' && target.type !== 'tuple_pattern')) return;
        for (const child of target.namedChildren) if (child) add(child, depth + 1);
      };
      for (const { node: assignment } of this.buckets.assignments) {
        const left = assignment.childForFieldName('left');
        if (left) add(left, 0);
      }
      this.targetIds = ids;
    }
    return this.targetIds.has(node.id);
  }

  private qualifyDotted(dotted: string): string {
    const dot = dotted.indexOf('.');
    const head = dot === -1 ? dotted : dotted.slice(0, dot);
    const imported = this.imported.get(head);
    if (!imported) return dotted;
    return dot === -1 ? imported.qualified : `${imported.qualified}${dotted.slice(dot)}`;
  }

  evaluate(node: Node, scope: string | null): StaticValue {
    return this.evaluator.evaluate(node, scope);
  }

  lookup(name: string, scope: string | null, before: number): Binding | null {
    return this.bindings.lookup(name, scope, before);
  }

  call(node: Node, scope: string | null): CallFact {
    const cached = this.callCache.get(node.id);
    if (cached) return cached;
    const callee = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    const fact: CallFact = {
      callee: this.callee(node),
      calleeText: callee?.text ?? '',
      range: rangeOf(node),
      arguments: args ? this.arguments(args, scope) : emptyArguments(node),
    };
    this.callCache.set(node.id, fact);
    return fact;
  }

  private arguments(args: Node, scope: string | null): CallArguments {
    const positional: ArgumentFact[] = [];
    const keywords: KeywordArgumentFact[] = [];
    const children = args.type === 'argument_list' ? namedChildrenOf(args) : [args];
    for (const child of children) {
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')?.text ?? '';
        const value = child.childForFieldName('value');
        if (value)
          keywords.push({
            name,
            value: this.evaluate(value, scope),
            text: value.text,
            range: rangeOf(value),
          });
      } else if (child.type !== 'list_splat' && child.type !== 'dictionary_splat') {
        positional.push({ value: this.evaluate(child, scope), text: child.text, range: rangeOf(child) });
      }
    }
    const close = args.lastChild;
    const closeIsParen = close?.type === ')';
    const insertPosition = closeIsParen
      ? { line: close.startPosition.row, character: close.startPosition.column }
      : endOf(args);
    const beforeClose = closeIsParen ? close.previousSibling : null;
    const needsComma = children.length > 0 && beforeClose?.type !== ',';
    return { range: rangeOf(args), positional, keywords, insertPosition, needsComma };
  }
}

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NOT_DOTTED = /^[^#]*[()[\]{}'"]/;

function emptyArguments(node: Node): CallArguments {
  const end = endOf(node);
  return { range: rangeOf(node), positional: [], keywords: [], insertPosition: end, needsComma: false };
}

export function keyword(call: CallFact, name: string): KeywordArgumentFact | undefined {
  return call.arguments.keywords.find((k) => k.name === name);
}

/** The argument passed by position `index` or by keyword `name`. */
export function argument(call: CallFact, index: number, name?: string): ArgumentFact | undefined {
  return (name ? keyword(call, name) : undefined) ?? call.arguments.positional[index];
}

/** The syntax node of the argument at `index` or keyword `name`. */
export function argumentNode(callNode: Node, index: number, name?: string): Node | null {
  const args = callNode.childForFieldName('arguments');
  if (!args) return null;
  const children = namedChildrenOf(args);
  if (name) {
    for (const child of children) {
      if (child.type === 'keyword_argument' && child.childForFieldName('name')?.text === name)
        return child.childForFieldName('value');
    }
  }
  const positional = children.filter(
    (c) => c.type !== 'keyword_argument' && c.type !== 'list_splat' && c.type !== 'dictionary_splat',
  );
  return positional[index] ?? null;
}

/** The last segment of a dotted callee: `fit` in `scaler.fit`. */
export function lastSegment(callee: string): string {
  const dot = callee.lastIndexOf('.');
  return dot === -1 ? callee : callee.slice(dot + 1);
}

/** The variable an expression statement assigns to, e.g. `model` in `model = f(...)`. */
export function assignedName(node: Node): string | null {
  let current: Node | null = parentOf(node);
  let child: Node = node;
  for (let i = 0; i < 4 && current; i++) {
    if (current.type === 'assignment') {
      if (current.childForFieldName('right')?.id !== child.id) return null;
      const left = current.childForFieldName('left');
      return left?.type === 'identifier' ? left.text : (left?.text ?? null);
    }
    if (current.type !== 'await' && current.type !== 'parenthesized_expression') return null;
    child = current;
    current = parentOf(current);
  }
  return null;
}

export type { ScopedNode };
