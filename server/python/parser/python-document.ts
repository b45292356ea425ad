import type { Edit, Point, Tree } from 'web-tree-sitter';
import { LineIndex } from '../../engine/line-index.ts';
import type { Range } from '../../engine/types.ts';
import type { ParseOutcome, PythonParser } from './python-parser.ts';

/** An LSP content change: a ranged replacement, or the whole text when `range` is absent. */
export interface TextChange {
  readonly range?: Range;
  readonly text: string;
}

/**
 * One open Python text and its syntax tree, kept in step with edits: each change is applied to the
 * old tree (`Tree.edit`) and the text is re-parsed with that tree, so only the edited region is
 * parsed again. Call `dispose` when the document closes: trees live in WebAssembly memory.
 */
export class PythonDocument {
  private current: ParseOutcome;
  private textValue: string;
  private readonly parser: PythonParser;

  constructor(parser: PythonParser, text: string) {
    this.parser = parser;
    this.textValue = text;
    this.current = parser.parse(text);
  }

  get text(): string {
    return this.textValue;
  }

  get parse(): ParseOutcome {
    return this.current;
  }

  get tree(): Tree | null {
    return this.current.tree;
  }

  /** Applies LSP content changes in order, then re-parses incrementally. */
  applyChanges(changes: readonly TextChange[]): void {
    let text = this.textValue;
    const old = this.current.tree;
    let reusable = old !== null && !this.current.truncated;
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        reusable = false;
        continue;
      }
      const lines = new LineIndex(text);
      const start = lines.offset(change.range.start);
      const oldEnd = Math.max(start, lines.offset(change.range.end));
      const next = text.slice(0, start) + change.text + text.slice(oldEnd);
      if (reusable) old?.edit(describeEdit(text, next, start, oldEnd, start + change.text.length));
      text = next;
    }
    const outcome = this.parser.parse(text, reusable ? old : null);
    if (old && old !== outcome.tree) old.delete();
    this.current = outcome;
    this.textValue = text;
  }

  dispose(): void {
    this.current.tree?.delete();
    this.current = { ...this.current, tree: null };
  }
}

function describeEdit(before: string, after: string, start: number, oldEnd: number, newEnd: number): Edit {
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/** Tree-sitter rows end at `\n`; columns and indices are UTF-16 code units in web-tree-sitter. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
