import type { Document } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';

/** A JSON file parsed with positions (JSON is parsed as YAML 1.2 flow, which keeps ranges). */
export interface JsonFile {
  readonly uri: string;
  readonly lines: LineIndex;
  readonly doc: Document.Parsed;
  readonly value: unknown;
}
