/**
 * Reads a Dockerfile into instructions grouped by build stage, joining `\` continuations and
 * dropping comment lines inside them, with the file offset of every word. Never throws.
 */
import { LineIndex } from '../engine/line-index.ts';
import { logicalLines } from '../requirements/logical-lines.ts';

/** A shell or instruction word, quotes removed, with its offsets in the file (quotes included). */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Instruction {
  /** Upper case: `RUN`, `COPY`, `FROM`... */
  readonly keyword: string;
  /** The arguments as one line, continuations joined. */
  readonly args: string;
  /** The arguments split into words (shell form) or JSON array items (exec form). */
  readonly words: readonly Word[];
  readonly start: number;
  readonly end: number;
  /** Index of the build stage (`FROM`) the instruction belongs to. */
  readonly stage: number;
}

export interface Stage {
  readonly index: number;
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly uri: string;
  readonly lines: LineIndex;
  readonly stages: readonly Stage[];
}

/** Shell operators are words of their own, even when written against a word (`a&&b`, `x;`). */
const WORD = /&&|\|\||[;|]|"(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s;|&"']|&(?!&)|"(?:[^"\\]|\\.)*"|'[^']*')+/g;

function unquote(word: string): string {
  return word.replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_, double: string, single: string) =>
    double !== undefined ? double.replace(/\\(.)/g, '$1') : single,
  );
}

function execFormWords(args: string, offsetOf: (index: number) => number): Word[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  try {
    const items: unknown = JSON.parse(args);
    if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) return undefined;
  } catch {
    return undefined;
  }
  const words: Word[] = [];
  for (const match of args.matchAll(/"((?:[^"\\]|\\.)*)"/g))
    words.push({
      text: JSON.parse(match[0]) as string,
      start: offsetOf(match.index),
      end: offsetOf(match.index + match[0].length),
    });
  return words;
}

export function parseDockerfile(uri: string, text: string): Dockerfile {
  const stages: Array<{
    index: number;
    image: string;
    name: string | undefined;
    instructions: Instruction[];
  }> = [];
  const isComment = (line: string): boolean => /^\s*#/.test(line);
  for (const line of logicalLines(text, isComment)) {
    const head = /^\s*([A-Za-z]+)(\s+|$)/.exec(line.text);
    if (!head?.[1] || isComment(line.text)) continue;
    const keyword = head[1].toUpperCase();
    const argsAt = head[0].length;
    const args = line.text.slice(argsAt);
    const offsetOf = (index: number): number => line.fileOffset(argsAt + index);
    const words =
      execFormWords(args, offsetOf) ??
      [...args.matchAll(WORD)].map((match) => ({
        text: unquote(match[0]),
        start: offsetOf(match.index),
        end: offsetOf(match.index + match[0].length),
      }));
    if (keyword === 'FROM') {
      const plain = words.filter((word) => !word.text.startsWith('--'));
      const as = plain.findIndex((word) => word.text.toUpperCase() === 'AS');
      stages.push({
        index: stages.length,
        image: plain[0]?.text ?? '',
        name: as === -1 ? undefined : plain[as + 1]?.text,
        instructions: [],
      });
    }
    // Only ARG may come before the first FROM; it belongs to no stage.
    const stage = stages[stages.length - 1];
    if (!stage) continue;
    stage.instructions.push({
      keyword,
      args,
      words,
      start: line.fileOffset(head[0].length - head[0].trimStart().length),
      end: line.fileOffset(line.text.trimEnd().length),
      stage: stage.index,
    });
  }
  return { uri, lines: new LineIndex(text), stages };
}
