import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';
import { assertWasmFilesExist, defaultWasmLocations, type WasmLocations } from './wasm-locations.ts';

/** Limits that keep a pathological file from stalling the server. */
export interface ParseLimits {
  /** Text longer than this (UTF-16 code units) is parsed only up to a line break near the limit. */
  readonly maxChars: number;
  /** Parsing stops after this many milliseconds; the caller gets no tree and a note. */
  readonly timeoutMs: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxChars: 2_000_000, timeoutMs: 10_000 };

export interface ParseOutcome {
  /** The syntax tree, or null when parsing was cancelled by the time limit. */
  readonly tree: Tree | null;
  /** The text the tree describes: the whole text, or its first `parsedChars` characters. */
  readonly parsedChars: number;
  readonly truncated: boolean;
  readonly timedOut: boolean;
}

let language: Language | undefined;
let initialising: Promise<Language> | undefined;

/**
 * Loads the WebAssembly runtime and the Python grammar once. Later calls return the same promise.
 * Without `locations`, the files are looked up beside this module (the bundle in `dist/`), or in
 * node_modules when running from source.
 */
export function initPythonParser(locations?: WasmLocations): Promise<Language> {
  if (language) return Promise.resolve(language);
  initialising ??= loadLanguage(locations ?? defaultWasmLocations(import.meta.url)).then(
    (loaded) => (language = loaded),
    (error: unknown) => {
      initialising = undefined;
      throw error;
    },
  );
  return initialising;
}

async function loadLanguage(locations: WasmLocations): Promise<Language> {
  assertWasmFilesExist(locations);
  const runtime = locations.runtime;
  await Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime });
  return Language.load(locations.python);
}

export function isPythonParserReady(): boolean {
  return language !== undefined;
}

/**
 * A synchronous Python parser. Create it after `initPythonParser` has resolved. One instance
 * can parse any number of documents; it is not re-entrant.
 */
export class PythonParser {
  private readonly parser: Parser;
  readonly limits: ParseLimits;

  constructor(limits: ParseLimits = DEFAULT_PARSE_LIMITS) {
    if (!language) throw new Error('initPythonParser() must resolve before a PythonParser is created');
    this.parser = new Parser();
    this.parser.setLanguage(language);
    this.limits = limits;
  }

  /**
   * Parses `text`, reusing `oldTree` when given (it must already have been `edit`ed to match the
   * new text). Never throws on any text: over-long input is cut at a line break, and a parse
   * that runs past the time limit is cancelled.
   */
  parse(text: string, oldTree?: Tree | null): ParseOutcome {
    const truncated = text.length > this.limits.maxChars;
    const parsedChars = truncated ? cutAtLineBreak(text, this.limits.maxChars) : text.length;
    const input = truncated ? text.slice(0, parsedChars) : text;
    const deadline = performance.now() + this.limits.timeoutMs;
    let timedOut = false;
    const progressCallback = (): boolean => {
      if (performance.now() > deadline) timedOut = true;
      return timedOut;
    };
    let tree: Tree | null;
    try {
      tree = this.parser.parse(input, truncated ? null : (oldTree ?? null), { progressCallback });
    } catch {
      tree = null;
    }
    if (!tree) this.parser.reset();
    return { tree, parsedChars, truncated, timedOut: timedOut || !tree };
  }

  delete(): void {
    this.parser.delete();
  }
}

function cutAtLineBreak(text: string, limit: number): number {
  const lineBreak = text.lastIndexOf('\n', limit);
  return lineBreak > limit / 2 ? lineBreak + 1 : limit;
}
