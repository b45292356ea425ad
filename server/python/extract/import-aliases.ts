import type { Node } from 'web-tree-sitter';
import type { ImportFact } from '../facts/file-facts.ts';
import { dottedName, namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import type { ScopedNode } from '../syntax/syntax-buckets.ts';

/** What a local name stands for after the imports: a module or a name inside a module. */
export interface ImportedName {
  /** Fully qualified: `pandas` for `import pandas as pd`, `sklearn.preprocessing.StandardScaler`. */
  readonly qualified: string;
  readonly module: string;
  /** Null when the local name is the module itself. */
  readonly name: string | null;
  readonly level: number;
}

export function extractImports(nodes: readonly ScopedNode[]): ImportFact[] {
  const out: ImportFact[] = [];
  for (const { node, scope } of nodes) {
    const fact = node.type === 'import_statement' ? importStatement(node, scope) : importFrom(node, scope);
    out.push(...fact);
  }
  return out;
}

function importStatement(node: Node, scope: string | null): ImportFact[] {
  const out: ImportFact[] = [];
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    const aliased = child.type === 'aliased_import';
    const moduleNode = aliased ? child.childForFieldName('name') : child;
    const module = moduleNode ? dottedName(moduleNode) : null;
    if (!module) continue;
    const alias = aliased ? (child.childForFieldName('alias')?.text ?? null) : null;
    out.push({
      module,
      level: 0,
      names: [],
      moduleAlias: alias,
      wildcard: false,
      range: rangeOf(node),
      scope,
    });
  }
  return out;
}

function importFrom(node: Node, scope: string | null): ImportFact[] {
  const moduleNode = node.childForFieldName('module_name');
  let module = '';
  let level = 0;
  if (moduleNode?.type === 'relative_import') {
    for (const part of namedChildrenOf(moduleNode)) {
      if (part.type === 'import_prefix') level = part.text.length;
      else module = dottedName(part) ?? part.text;
    }
  } else if (moduleNode) module = dottedName(moduleNode) ?? moduleNode.text;
  else if (node.type === 'future_import_statement') module = '__future__';
  const names: { name: string; alias: string | null }[] = [];
  let wildcard = false;
  for (const child of namedChildrenOf(node)) {
    if (child.type === 'wildcard_import') wildcard = true;
  }
  for (const child of node.childrenForFieldName('name')) {
    if (!child) continue;
    if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      names.push({
        name: name ? (dottedName(name) ?? name.text) : '',
        alias: child.childForFieldName('alias')?.text ?? null,
      });
    } else names.push({ name: dottedName(child) ?? child.text, alias: null });
  }
  return [{ module, level, names, moduleAlias: null, wildcard, range: rangeOf(node), scope }];
}

/** Local name → what it was imported as. Later imports win, as at run time. */
export function importedNames(imports: readonly ImportFact[]): Map<string, ImportedName> {
  const map = new Map<string, ImportedName>();
  for (const fact of imports) {
    if (fact.names.length === 0) {
      if (fact.moduleAlias)
        map.set(fact.moduleAlias, { qualified: fact.module, module: fact.module, name: null, level: 0 });
      else {
        const head = fact.module.split('.')[0] ?? fact.module;
        map.set(head, { qualified: head, module: head, name: null, level: 0 });
      }
      continue;
    }
    for (const { name, alias } of fact.names) {
      const qualified = fact.module ? `${fact.module}.${name}` : name;
      map.set(alias ?? name, { qualified, module: fact.module, name, level: fact.level });
    }
  }
  return map;
}
