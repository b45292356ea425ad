import type { Node, Tree } from 'web-tree-sitter';

/** A node of interest and the qualified name of the function or class around it. */
export interface ScopedNode {
  readonly node: Node;
  readonly scope: string | null;
}

/** The nodes the extractors look at, gathered in one walk of the tree, in source order. */
export interface SyntaxBuckets {
  readonly calls: ScopedNode[];
  readonly assignments: ScopedNode[];
  readonly subscripts: ScopedNode[];
  readonly attributes: ScopedNode[];
  readonly imports: ScopedNode[];
  readonly functions: ScopedNode[];
  readonly classes: ScopedNode[];
  readonly withItems: ScopedNode[];
  readonly forStatements: ScopedNode[];
  readonly errorCount: number;
}

type BucketName = keyof Omit<SyntaxBuckets, 'errorCount'>;

const BUCKET_OF: Readonly<Record<string, BucketName>> = {
  call: 'calls',
  assignment: 'assignments',
  augmented_assignment: 'assignments',
  subscript: 'subscripts',
  attribute: 'attributes',
  import_statement: 'imports',
  import_from_statement: 'imports',
  future_import_statement: 'imports',
  function_definition: 'functions',
  class_definition: 'classes',
  with_item: 'withItems',
  for_statement: 'forStatements',
};
const BUCKET_TYPES = Object.keys(BUCKET_OF);

/**
 * Gathers the nodes in one call into the parser's WebAssembly (`descendantsOfType` walks the
 * tree there and hands back only the matches, in source order): a walk with a `TreeCursor` from
 * JavaScript crosses into WebAssembly several times for every node of the tree, most of which
 * are tokens nobody looks at. The walk inside is iterative, so deep nesting cannot overflow.
 */
export function collectSyntax(tree: Tree): SyntaxBuckets {
  const buckets: SyntaxBuckets = {
    calls: [],
    assignments: [],
    subscripts: [],
    attributes: [],
    imports: [],
    functions: [],
    classes: [],
    withItems: [],
    forStatements: [],
    errorCount: 0,
  };
  const types = tree.language.types;
  /** The functions and classes around the current node, innermost last, with their end offsets. */
  const scopes: { end: number; name: string }[] = [];
  for (const node of tree.rootNode.descendantsOfType(BUCKET_TYPES)) {
    if (!node) continue;
    const bucket = BUCKET_OF[types[node.typeId] ?? ''];
    if (!bucket) continue;
    // In source order, a node that starts before the end of a scope lies inside it.
    while (scopes.length > 0 && (scopes[scopes.length - 1]?.end ?? 0) <= node.startIndex) scopes.pop();
    const scope = scopes.length > 0 ? (scopes[scopes.length - 1]?.name ?? null) : null;
    buckets[bucket].push({ node, scope });
    if (bucket === 'functions' || bucket === 'classes') {
      const name = node.childForFieldName('name')?.text ?? '<anonymous>';
      scopes.push({ end: node.endIndex, name: scope ? `${scope}.${name}` : name });
    }
  }
  return { ...buckets, errorCount: tree.rootNode.hasError ? countErrors(tree) : 0 };
}

/**
 * The `ERROR` nodes of a tree with syntax errors, walked iteratively with a cursor. Their type id
 * is outside the grammar's table of types, and `descendantsOfType` finds nothing when asked for
 * them.
 */
function countErrors(tree: Tree): number {
  let errors = 0;
  const cursor = tree.walk();
  try {
    for (;;) {
      if (cursor.nodeType === 'ERROR') errors++;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return errors;
    }
  } finally {
    cursor.delete();
  }
}
