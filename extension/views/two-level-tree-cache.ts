/**
 * What a two-level tree view shows (parents, then the children of each parent that was
 * expanded), fetched from the daemon and kept as stable node objects: one per parent key and per
 * child key, for as long as it is listed. A refresh fetches again what was read before and says
 * what changed on screen, so the view re-renders only those nodes, or nothing: re-rendering
 * unchanged rows would drop the user's selection. No `vscode` import, so it is unit tested.
 */

/** How one level's items become nodes and rows. */
export interface TreeLevel<Item, Node> {
  /** Identifies an item across fetches. */
  key(item: Item): string;
  /** What the item's row shows (label, description, tooltip): a change re-renders the node. */
  view(item: Item): string;
  /** A new node for an item. */
  node(item: Item): Node;
  /** The item a node holds now. */
  item(node: Node): Item;
  /** Puts the latest fetched item into its node, which stays the same object. */
  update(node: Node, item: Item): void;
}

export interface TreeChanges<Node> {
  /** The top level changed (parents added, removed or reordered): re-read it all. */
  readonly root: boolean;
  /** Otherwise, the nodes to re-render: parents whose row or child list changed, children whose row changed. */
  readonly nodes: readonly Node[];
}

export interface TwoLevelTreeSource<Parent, ParentNode, Child, ChildNode, EmptyNode> {
  parents: TreeLevel<Parent, ParentNode> & { fetch(): Promise<Parent[]> };
  children: TreeLevel<Child, ChildNode> & { fetch(parent: Parent): Promise<Child[]> };
  /** Shown alone when there are no parents. */
  empty: EmptyNode;
}

export class TwoLevelTreeCache<Parent, ParentNode, Child, ChildNode, EmptyNode> {
  readonly #source: TwoLevelTreeSource<Parent, ParentNode, Child, ChildNode, EmptyNode>;
  /** The top level as last shown, or undefined before it was first read. */
  #root: (ParentNode | EmptyNode)[] | undefined;
  #rootKeys = '';
  readonly #parents = new Map<string, ParentNode>();
  /** The children of each parent whose children were read, in order. */
  readonly #children = new Map<string, ChildNode[]>();
  readonly #childNodes = new Map<string, ChildNode>();

  constructor(source: TwoLevelTreeSource<Parent, ParentNode, Child, ChildNode, EmptyNode>) {
    this.#source = source;
  }

  /** The top level, fetched the first time. */
  async rootNodes(): Promise<(ParentNode | EmptyNode)[]> {
    this.#root ??= this.#setRoot(await this.#source.parents.fetch());
    return this.#root;
  }

  /** A parent's children, fetched the first time. */
  async childNodes(node: ParentNode): Promise<ChildNode[]> {
    const parent = this.#source.parents.item(node);
    const key = this.#source.parents.key(parent);
    let nodes = this.#children.get(key);
    if (nodes === undefined) {
      nodes = this.#nodesFor(await this.#source.children.fetch(parent));
      this.#children.set(key, nodes);
    }
    return nodes;
  }

  /** Forgets everything (the daemon went away); the next read fetches again. */
  clear(): void {
    this.#root = undefined;
    this.#rootKeys = '';
    this.#parents.clear();
    this.#children.clear();
    this.#childNodes.clear();
  }

  /** Fetches what was read before again and tells what changed on screen. */
  async refresh(): Promise<TreeChanges<ParentNode | ChildNode>> {
    if (this.#root === undefined) return { root: false, nodes: [] };
    const { parents, children } = this.#source;
    const fetched = await parents.fetch();
    const root = this.#keysOf(fetched) !== this.#rootKeys;
    const changed: (ParentNode | ChildNode)[] = [];
    if (root) this.#setRoot(fetched);
    else
      for (const parent of fetched) {
        const node = this.#parents.get(parents.key(parent)) as ParentNode;
        if (parents.view(parent) !== parents.view(parents.item(node))) changed.push(node);
        parents.update(node, parent);
      }
    const listed = new Map(fetched.map((p) => [parents.key(p), p]));
    for (const [key, before] of [...this.#children]) {
      const parent = listed.get(key);
      if (parent === undefined) {
        this.#forgetChildren(key);
        continue;
      }
      const items = await children.fetch(parent);
      const sameRows =
        items.length === before.length &&
        items.every((item, i) => children.key(item) === children.key(children.item(before[i] as ChildNode)));
      if (sameRows) {
        items.forEach((item, i) => {
          const node = before[i] as ChildNode;
          if (children.view(item) !== children.view(children.item(node))) changed.push(node);
          children.update(node, item);
        });
      } else {
        this.#children.set(key, this.#nodesFor(items, before));
        const node = this.#parents.get(key);
        if (node !== undefined && !changed.includes(node)) changed.push(node);
      }
    }
    return root ? { root: true, nodes: [] } : { root: false, nodes: changed };
  }

  #keysOf(parents: readonly Parent[]): string {
    return JSON.stringify(parents.map((p) => this.#source.parents.key(p)));
  }

  #setRoot(fetched: Parent[]): (ParentNode | EmptyNode)[] {
    const { parents } = this.#source;
    this.#rootKeys = this.#keysOf(fetched);
    const nodes = fetched.map((parent) => {
      const node = this.#parents.get(parents.key(parent));
      if (node === undefined) {
        const created = parents.node(parent);
        this.#parents.set(parents.key(parent), created);
        return created;
      }
      parents.update(node, parent);
      return node;
    });
    const listed = new Set(fetched.map((p) => parents.key(p)));
    for (const key of [...this.#parents.keys()]) {
      if (listed.has(key)) continue;
      this.#parents.delete(key);
      this.#forgetChildren(key);
    }
    this.#root = nodes.length > 0 ? nodes : [this.#source.empty];
    return this.#root;
  }

  /** Nodes for `items`, reusing the node of each child already shown. */
  #nodesFor(items: Child[], before: readonly ChildNode[] = []): ChildNode[] {
    const { children } = this.#source;
    const kept = new Set(items.map((item) => children.key(item)));
    for (const old of before) {
      const key = children.key(children.item(old));
      if (!kept.has(key)) this.#childNodes.delete(key);
    }
    return items.map((item) => {
      const node = this.#childNodes.get(children.key(item));
      if (node !== undefined) {
        children.update(node, item);
        return node;
      }
      const created = children.node(item);
      this.#childNodes.set(children.key(item), created);
      return created;
    });
  }

  #forgetChildren(parentKey: string): void {
    const { children } = this.#source;
    for (const node of this.#children.get(parentKey) ?? [])
      this.#childNodes.delete(children.key(children.item(node)));
    this.#children.delete(parentKey);
  }
}
