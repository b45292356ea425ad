import type { Node } from 'web-tree-sitter';

const NAME = /^[A-Za-z_]\w*$/;

/**
 * The identifier nodes of one name inside a scope node, in source order, per name on demand.
 * The scope's text is searched for the name as a whole word and only the identifier nodes exactly
 * there are looked up: far cheaper than making a node object for every identifier of the scope.
 * Words in strings and comments are not identifier nodes, so they drop out.
 */
export class IdentifierOccurrences {
  private readonly scope: Node;
  private text: string | null = null;
  private readonly byName = new Map<string, Node[]>();

  constructor(scope: Node) {
    this.scope = scope;
  }

  named(name: string): Node[] {
    let found = this.byName.get(name);
    if (found) return found;
    found = NAME.test(name) ? this.search(name) : [];
    this.byName.set(name, found);
    return found;
  }

  private search(name: string): Node[] {
    this.text ??= this.scope.text;
    const offset = this.scope.startIndex;
    const found: Node[] = [];
    const word = new RegExp(`(?<!\\w)${name}(?!\\w)`, 'g');
    for (let match = word.exec(this.text); match; match = word.exec(this.text)) {
      const start = offset + match.index;
      const end = start + name.length;
      const node = this.scope.descendantForIndex(start, end);
      if (node?.type === 'identifier' && node.startIndex === start && node.endIndex === end) found.push(node);
    }
    return found;
  }
}
