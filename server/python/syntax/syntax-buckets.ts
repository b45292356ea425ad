import type { Language, Node, Tree } from 'web-tree-sitter';

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

type BucketName = keyof Omit<SyntaxBuckets, 'errorCount'>;
const tables = new WeakMap<Language, (BucketName | 'error' | undefined)[]>();

/** Bucket per node type id, so the walk compares numbers instead of type names. */
function bucketTable(language: Language): (BucketName | 'error' | undefined)[] {
  let table = tables.get(language);
  if (table) return table;
  table = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    const type = language.nodeTypeForId(id);
    table.push(type === 'ERROR' ? 'error' : type ? BUCKET_OF[type] : undefined);
  }
  tables.set(language, table);
  return table;
}

/** Walks the tree once, iteratively (deeply nested input cannot overflow the stack). */
export function collectSyntax(tree: Tree): SyntaxBuckets {
  const table = bucketTable(tree.language);
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
      const bucket = table[cursor.nodeTypeId];
      if (bucket === 'error') errors++;
      else if (bucket) {
        const node = cursor.currentNode;
        const scope = scopes.length > 0 ? (scopes[scopes.length - 1]?.name ?? null) : null;
        buckets[bucket].push({ node, scope });
        if (bucket === 'functions' || bucket === 'classes') {
          const name = node.childForFieldName('name')?.text ?? '<anonymous>';
          scopes.push({ depth, name: scope ? `${scope}.${name}` : name });
        }
      }
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
