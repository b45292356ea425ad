/**
 * The fix of `repro/shared-train-serve-deps` for a serving Dockerfile that installs a shared
 * requirements file: split it in two. `requirements-serve.txt` (created beside it) gets the
 * runtime dependencies; the original keeps the training-only ones and includes the serving
 * file with `-r`, so training still installs everything and the two cannot drift apart. The
 * Dockerfile's COPY and `pip install -r` then name the serving file.
 */
import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, TextEdit } from '../../engine/types.ts';
import type { WorkspaceView } from '../../engine/workspace-view.ts';
import { baseName } from '../../dockerfile/copied-requirements.ts';
import type { Dockerfile, Word } from '../../dockerfile/parse-dockerfile.ts';
import type { Dependency } from '../../requirements/dependency-file.ts';
import { resolveBeside } from '../../requirements/workspace-lock.ts';

export const SERVING_REQUIREMENTS = 'requirements-serve.txt';

export interface SplitInput {
  readonly dockerfile: Dockerfile;
  /** The shared requirements file and its text. */
  readonly uri: string;
  readonly text: string;
  /** Its training-only dependencies (all in this file, not in files it includes). */
  readonly training: readonly Dependency[];
  /** The Dockerfile words that name the file: `-r` paths, COPY sources and destinations. */
  readonly words: readonly Word[];
}

function renamed(text: string, from: string, to: string): string {
  const at = text.lastIndexOf(from);
  return at === -1 ? text : text.slice(0, at) + to + text.slice(at + from.length);
}

export function splitRequirementsFix(input: SplitInput, workspace: WorkspaceView): Fix | undefined {
  const name = baseName(decodeURIComponent(input.uri));
  const servingUri = resolveBeside(input.uri, SERVING_REQUIREMENTS);
  if (name === SERVING_REQUIREMENTS || workspace.read(servingUri) !== undefined) return undefined;
  const lines = new LineIndex(input.text);
  const eol = lines.eol;
  const withEol = (text: string): string => (text.endsWith('\n') ? text : `${text}${eol}`);
  let serving = '';
  let cursor = 0;
  const trainingLines: string[] = [];
  for (const dependency of [...input.training].sort((a, b) => a.lineStart - b.lineStart)) {
    if (dependency.lineStart < cursor) continue;
    serving += input.text.slice(cursor, dependency.lineStart);
    trainingLines.push(withEol(input.text.slice(dependency.lineStart, dependency.lineEnd)));
    cursor = dependency.lineEnd;
  }
  serving += input.text.slice(cursor);
  const header = `# Runtime dependencies of the serving image; ${name} adds what only training needs.${eol}`;
  const training =
    `# Training: the serving dependencies, and what only training needs.${eol}` +
    `-r ${SERVING_REQUIREMENTS}${eol}` +
    trainingLines.join('');
  const seen = new Set<number>();
  const dockerEdits: TextEdit[] = [];
  for (const word of input.words) {
    if (seen.has(word.start)) continue;
    seen.add(word.start);
    const written = input.dockerfile.lines.text.slice(word.start, word.end);
    dockerEdits.push({
      range: input.dockerfile.lines.range(word.start, word.end),
      newText: renamed(written, name, SERVING_REQUIREMENTS),
    });
  }
  return {
    title: `Split ${name}: create ${SERVING_REQUIREMENTS} for serving and install it in this image`,
    changes: [
      { uri: servingUri, create: true, edits: [{ range: zeroRange(), newText: withEol(header + serving) }] },
      { uri: input.uri, edits: [{ range: lines.range(0, input.text.length), newText: training }] },
      { uri: input.dockerfile.uri, edits: dockerEdits },
    ],
    safe: false,
  };
}

function zeroRange(): {
  start: { line: number; character: number };
  end: { line: number; character: number };
} {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
