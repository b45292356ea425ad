/**
 * Where each cell's `source` is written in a notebook's `.ipynb` JSON: the raw ranges
 * `[start, end)` of its string literals, quotes included, by cell index. A single pass over the
 * text that only looks into the top-level `cells` and each cell's `source`, and steps over the
 * rest (outputs are most of a notebook's bytes). The first of duplicate keys counts. Undefined
 * when the text is not JSON of that shape.
 */
export function notebookSourceLiterals(json: string): Array<Array<[number, number]>> | undefined {
  const scanner = new JsonScanner(json);
  try {
    const cells: Array<Array<[number, number]>> = [];
    let seenCells = false;
    scanner.members((key) => {
      if (key !== 'cells' || seenCells) return false;
      seenCells = true;
      if (scanner.peek() !== '[') return false;
      scanner.elements(() => {
        const literals: Array<[number, number]> = [];
        cells.push(literals);
        if (scanner.peek() !== '{') return false;
        let seenSource = false;
        scanner.members((field) => {
          if (field !== 'source' || seenSource) return false;
          seenSource = true;
          if (scanner.peek() === '"') literals.push(scanner.string());
          else if (scanner.peek() === '[')
            scanner.elements(() => {
              if (scanner.peek() !== '"') return false;
              literals.push(scanner.string());
              return true;
            });
          else return false;
          return true;
        });
        return true;
      });
      return true;
    });
    scanner.end();
    return cells;
  } catch {
    return undefined;
  }
}

/** Reads JSON text by hand, throwing on anything that is not JSON. */
class JsonScanner {
  private readonly text: string;
  private index = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** The next character that is not white space. */
  peek(): string {
    this.skipSpace();
    return this.text[this.index] ?? '';
  }

  /**
   * An object: `value` is called with each key, positioned at its value; it reads the value and
   * returns true, or returns false to have it skipped.
   */
  members(value: (key: string) => boolean): void {
    this.expect('{');
    if (this.peek() === '}') {
      this.index++;
      return;
    }
    for (;;) {
      if (this.peek() !== '"') throw new Error('key expected');
      const [start, end] = this.string();
      const key = JSON.parse(this.text.slice(start, end)) as string;
      this.expect(':');
      if (!value(key)) this.skipValue();
      if (this.peek() === '}') {
        this.index++;
        return;
      }
      this.expect(',');
    }
  }

  /** An array: `value` reads each element and returns true, or returns false to have it skipped. */
  elements(value: () => boolean): void {
    this.expect('[');
    if (this.peek() === ']') {
      this.index++;
      return;
    }
    for (;;) {
      if (!value()) this.skipValue();
      if (this.peek() === ']') {
        this.index++;
        return;
      }
      this.expect(',');
    }
  }

  /** A string literal's range, quotes included. */
  string(): [number, number] {
    this.skipSpace();
    const start = this.index;
    this.expect('"');
    for (;;) {
      const char = this.text[this.index];
      if (char === undefined || char === '\n') throw new Error('unterminated string');
      this.index += char === '\\' ? 2 : 1;
      if (char === '"') return [start, this.index];
    }
  }

  /** The whole text has been read. */
  end(): void {
    if (this.peek() !== '') throw new Error('trailing text');
  }

  /** Steps over one value, nested ones included, without recursion. */
  private skipValue(): void {
    let depth = 0;
    do {
      const char = this.peek();
      if (char === '"') this.string();
      else if (char === '{' || char === '[') {
        depth++;
        this.index++;
      } else if (char === '}' || char === ']') {
        if (depth === 0) throw new Error('value expected');
        depth--;
        this.index++;
      } else if (char === ',' || char === ':') {
        if (depth === 0) throw new Error('value expected');
        this.index++;
      } else {
        const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
          this.text.slice(this.index, this.index + 64),
        );
        if (!literal) throw new Error('value expected');
        this.index += literal[0].length;
      }
    } while (depth > 0);
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw new Error(`${char} expected`);
    this.index++;
  }

  private skipSpace(): void {
    for (;;) {
      const char = this.text[this.index];
      if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') return;
      this.index++;
    }
  }
}
