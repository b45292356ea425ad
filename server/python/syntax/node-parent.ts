import type { Node, Tree } from 'web-tree-sitter';

/**
 * Parents by node id, per tree. web-tree-sitter finds a node's parent by descending from the
 * root, so climbing from many nodes of the same statement (feature reads, their transforms,
 * the statement around them) repeats the same searches; the extractors climb through this.
 */
const parents = new WeakMap<Tree, Map<number, Node | null>>();

export function parentOf(node: Node): Node | null {
  let table = parents.get(node.tree);
  if (!table) parents.set(node.tree, (table = new Map<number, Node | null>()));
  let parent = table.get(node.id);
  if (parent === undefined) {
    parent = node.parent;
    table.set(node.id, parent);
  }
  return parent;
}
