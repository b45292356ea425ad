import { fileKindOf } from '../engine/file-kind.ts';
import { isHelmTemplate, MAX_YAML_BYTES } from '../yaml/parse.ts';
import { isHelmValuesFile } from '../workloads/helm-values.ts';

/** One YAML document of a multi-document file, from its `---` line to the next one. */
export interface YamlChunk {
  readonly text: string;
  /** The zero-based line of the file where the chunk starts. */
  readonly startLine: number;
}

/** `---` at column 0 followed by a blank, a comment or the end of the line starts a document. */
function isDocumentStart(text: string, offset: number): boolean {
  if (!text.startsWith('---', offset)) return false;
  const next = text[offset + 3];
  return next === undefined || next === '\n' || next === '\r' || next === ' ' || next === '\t';
}

/**
 * Splits a multi-document YAML file at its document markers, so that an edit re-analyses only
 * the document it touched. Returns undefined when the file must be analysed whole: not YAML,
 * a single document, directives (`%YAML`), Helm files, binary or oversized text. YAML anchors
 * and aliases never cross documents, and a `---` at column 0 always starts a new document (even
 * inside a block scalar), so each chunk parses exactly as it does inside the whole file.
 */
export function splitYamlDocuments(uri: string, text: string): YamlChunk[] | undefined {
  if (fileKindOf(uri) !== 'yaml' || isHelmValuesFile(uri)) return undefined;
  if (text.length > MAX_YAML_BYTES || text.includes('\u0000') || isHelmTemplate(uri, text)) return undefined;
  const chunks: YamlChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let line = 0;
  for (let offset = 0; offset < text.length; line++) {
    if (text[offset] === '%') return undefined;
    if (offset > 0 && isDocumentStart(text, offset)) {
      chunks.push({ text: text.slice(chunkStart, offset), startLine: chunkLine });
      chunkStart = offset;
      chunkLine = line;
    }
    const newline = text.indexOf('\n', offset);
    if (newline === -1) break;
    offset = newline + 1;
  }
  if (chunks.length === 0) return undefined;
  chunks.push({ text: text.slice(chunkStart), startLine: chunkLine });
  return chunks;
}
