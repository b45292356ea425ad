import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyseNotebookJson, analysePythonText } from '../../server/python/analyse-python.ts';
import type { PythonFileFacts } from '../../server/python/facts/file-facts.ts';
import { createTestParser } from './python-parser-setup.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'python');

export function fixtureUri(relative: string): string {
  return pathToFileURL(path.join(FIXTURES, relative)).href;
}

/** Facts of a fixture file (`.py` or `.ipynb`), read from test/fixtures/python. */
export async function fixtureFacts(relative: string): Promise<PythonFileFacts> {
  const parser = await createTestParser();
  const text = readFileSync(path.join(FIXTURES, relative), 'utf8');
  const uri = fixtureUri(relative);
  return relative.endsWith('.ipynb')
    ? analyseNotebookJson(parser, uri, text)
    : analysePythonText(parser, uri, text);
}

/** Facts of an inline snippet. */
export async function snippetFacts(text: string, uri = 'file:///work/snippet.py'): Promise<PythonFileFacts> {
  const parser = await createTestParser();
  return analysePythonText(parser, uri, text);
}

/** The text a range covers, for readable assertions on ranges. */
export function textAt(
  text: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line)
    return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const first = (lines[range.start.line] ?? '').slice(range.start.character);
  const middle = lines.slice(range.start.line + 1, range.end.line);
  const last = (lines[range.end.line] ?? '').slice(0, range.end.character);
  return [first, ...middle, last].join('\n');
}

export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}
