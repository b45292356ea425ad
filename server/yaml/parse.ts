import { isAlias, isPair, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { LineIndex } from '../engine/line-index.ts';
import type { Note } from '../engine/types.ts';

/** Files above this size are skipped with a note instead of parsed. */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
/** Documents with more aliases than this are not analysed (a guard against alias bombs). */
export const MAX_ALIASES_PER_DOCUMENT = 1000;

export interface ParsedYaml {
  readonly uri: string;
  readonly lines: LineIndex;
  /** Parsed documents without errors; broken documents are reported in `notes` and left out. */
  readonly documents: readonly Document.Parsed[];
  readonly notes: readonly Note[];
}

const HELM_ACTION = /\{\{-?\s*[^}]*\}\}/;

/** Helm templates carry `{{ ... }}` actions; they are not YAML until rendered. */
export function isHelmTemplate(uri: string, text: string): boolean {
  return /\/templates\/[^/]+\.(ya?ml|tpl)$/.test(uri) ? HELM_ACTION.test(text) : /^\s*\{\{-?/m.test(text);
}

function countAliases(doc: Document.Parsed): number {
  let count = 0;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) count++;
    else if (node && typeof node === 'object' && 'items' in node && Array.isArray(node.items)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return count;
}

export function parseYaml(uri: string, text: string): ParsedYaml {
  const lines = new LineIndex(text);
  const notes: Note[] = [];
  const whole = lines.range(0, 0);
  if (text.length > MAX_YAML_BYTES) {
    notes.push({
      uri,
      range: whole,
      severity: 'information',
      code: 'limit',
      message: `File skipped: ${(text.length / 1048576).toFixed(1)} MB is larger than the ${MAX_YAML_BYTES / 1048576} MB limit for YAML analysis.`,
    });
    return { uri, lines, documents: [], notes };
  }
  if (text.includes('\u0000')) {
    notes.push({
      uri,
      range: whole,
      severity: 'information',
      code: 'skipped',
      message: 'File skipped: it contains binary data.',
    });
    return { uri, lines, documents: [], notes };
  }
  if (isHelmTemplate(uri, text)) {
    notes.push({
      uri,
      range: whole,
      severity: 'information',
      code: 'skipped',
      message:
        "Helm template skipped: it is not YAML until rendered. Resources in the chart's values.yaml are analysed.",
    });
    return { uri, lines, documents: [], notes };
  }
  const documents: Document.Parsed[] = [];
  const parsed = parseAllDocuments(text, {
    prettyErrors: false,
    uniqueKeys: true,
  });
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    // An empty stream parses to an EmptyStream object; nothing to analyse.
    return { uri, lines, documents, notes };
  }
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors.slice(0, 5)) {
        const [start, end] = error.pos;
        notes.push({
          uri,
          range: lines.range(start, Math.max(end, start + 1)),
          severity: 'error',
          code: 'parse-error',
          message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.code}`,
        });
      }
      continue;
    }
    const aliases = countAliases(doc);
    if (aliases > MAX_ALIASES_PER_DOCUMENT) {
      const [start] = doc.range;
      notes.push({
        uri,
        range: lines.range(start, start + 1),
        severity: 'warning',
        code: 'limit',
        message: `YAML document skipped: ${aliases} aliases exceed the limit of ${MAX_ALIASES_PER_DOCUMENT} (possible alias bomb).`,
      });
      continue;
    }
    documents.push(doc);
  }
  return { uri, lines, documents, notes };
}
