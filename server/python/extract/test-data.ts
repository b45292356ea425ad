import type { Node } from 'web-tree-sitter';
import type { Range } from '../../engine/types.ts';
import { namedChildrenOf } from '../syntax/node-range.ts';

/** A name that says it holds the test split: `X_test`, `test_df`, `testLoader`, `dtest`. */
const TEST_NAME = /(^|_)test(s|set|ing)?(_|$)|^test[A-Z0-9]|^dtest$/i;

/** Which names hold test data, and where each got it (null for a name that says it is a test split). */
export class TestData {
  readonly origins = new Map<string, Range | null>();
  private names: RegExp | null = null;

  /**
   * A cheap text test before a walk: the text has "test" in it or one of the derived names.
   * Most expressions of a file have neither, and their subtrees are then not walked.
   */
  mayBeIn(text: string): boolean {
    if (/test/i.test(text)) return true;
    if (this.origins.size === 0) return false;
    this.names ??= new RegExp(`\\b(${[...this.origins.keys()].join('|')})\\b`);
    return this.names.test(text);
  }

  has(name: string): boolean {
    return this.origins.has(name) || TEST_NAME.test(name);
  }

  origin(name: string): Range | null {
    return this.origins.get(name) ?? null;
  }

  add(name: string, origin: Range | null): void {
    if (name === '_' || this.origins.has(name) || TEST_NAME.test(name)) return;
    this.origins.set(name, origin);
    this.names = null;
  }

  /** The test names read in an expression, and `data["test"]` subscripts as written. */
  readIn(node: Node): string[] {
    if (!this.mayBeIn(node.text)) return [];
    const found = new Set<string>();
    const stack: Node[] = [node];
    for (let steps = 0; stack.length > 0 && steps < 5_000; steps++) {
      const current = stack.pop();
      if (!current) break;
      if (current.type === 'identifier') {
        if (this.has(current.text)) found.add(current.text);
        continue;
      }
      if (current.type === 'subscript') {
        const key = current.childForFieldName('subscript');
        if (key?.type === 'string' && /^[rbuf]*["']test["']$/i.test(key.text) && current.text.length <= 80) {
          found.add(current.text);
          continue;
        }
      }
      if (current.type === 'call') {
        // The function's own name is no data: `train_test_split(X)` reads X only.
        const fn = current.childForFieldName('function');
        const args = current.childForFieldName('arguments');
        if (fn && fn.type !== 'identifier') stack.push(fn);
        if (args) stack.push(args);
        continue;
      }
      if (current.type === 'keyword_argument') {
        const value = current.childForFieldName('value');
        if (value) stack.push(value);
        continue;
      }
      if (current.type === 'attribute') {
        const object = current.childForFieldName('object');
        if (object) stack.push(object);
        continue;
      }
      for (const child of namedChildrenOf(current)) stack.push(child);
    }
    return [...found];
  }
}
