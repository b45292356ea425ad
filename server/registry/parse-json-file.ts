import { LineCounter, parseDocument } from 'yaml';
import { LineIndex } from '../engine/line-index.ts';
import type { Note } from '../engine/types.ts';
import type { JsonFile } from './json-file.ts';

export const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** Parses JSON keeping source ranges; errors become notes at their position. */
export function parseJsonFile(uri: string, text: string): { file: JsonFile | undefined; notes: Note[] } {
  const lines = new LineIndex(text);
  if (text.length > MAX_JSON_BYTES) {
    return {
      file: undefined,
      notes: [
        {
          uri,
          range: lines.range(0, 0),
          severity: 'information',
          code: 'limit',
          message: 'File skipped: larger than the 8 MB limit for JSON analysis.',
        },
      ],
    };
  }
  const doc = parseDocument(text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    uniqueKeys: true,
    version: '1.2',
  });
  if (doc.errors.length > 0) {
    return {
      file: undefined,
      notes: doc.errors.slice(0, 5).map((error) => ({
        uri,
        range: lines.range(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
        severity: 'error' as const,
        code: 'parse-error' as const,
        message: `JSON syntax error: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch {
    value = undefined;
  }
  return { file: { uri, lines, doc, value }, notes: [] };
}
