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

const BUCKET_OF: Readonly<Record<string, keyof Omit<SyntaxBuckets, 'errorCount'>>> = {
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

/** Walks the tree once, iteratively (deeply nested input cannot overflow the stack). */
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
  let errors = 0;
  const scopes: { depth: number; name: string }[] = [];
  const cursor = tree.walk();
  let depth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      const bucket = BUCKET_OF[type];
      if (bucket) {
        const node = cursor.currentNode;
        const scope = scopes.length > 0 ? (scopes[scopes.length - 1]?.name ?? null) : null;
        buckets[bucket].push({ node, scope });
        if (type === 'function_definition' || type === 'class_definition') {
          const name = node.childForFieldName('name')?.text ?? '<anonymous>';
          scopes.push({ depth, name: scope ? `${scope}.${name}` : name });
        }
      } else if (type === 'ERROR') errors++;
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      let moved = false;
      while (!moved) {
        if (cursor.gotoNextSibling()) moved = true;
        else if (cursor.gotoParent()) depth--;
        else return { ...buckets, errorCount: errors };
        while (scopes.length > 0 && (scopes[scopes.length - 1]?.depth ?? -1) >= depth) scopes.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}
