/**
 * The analysis engine's contract. Everything here is pure data: documents go in, findings come
 * out. The language server, the CLI and the tests all drive the same engine through these types.
 * Positions are LSP positions: zero-based lines, UTF-16 code units.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';

export type { Position, Range, TextEdit } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'information';

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { information: 1, warning: 2, error: 3 };

/** A file handed to the engine: its URI, full text and (for open editor buffers) version. */
export interface SourceDocument {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
}

/** One file changed by a fix. `create` makes the file first (for example a new shared module). */
export interface FileChange {
  readonly uri: string;
  readonly edits: readonly TextEdit[];
  readonly create?: boolean;
}

export interface Fix {
  readonly title: string;
  readonly changes: readonly FileChange[];
  /** Safe fixes are applied by `check --fix` and "fix all"; others only on explicit request. */
  readonly safe: boolean;
  /**
   * A placeholder the fix writes for the user to replace (e.g. an image tag): its range in the
   * text after this fix's edits. Editors select it once the fix is applied.
   */
  readonly placeholder?: { readonly uri: string; readonly range: Range };
}

export interface RelatedLocation {
  readonly uri: string;
  readonly range: Range;
  readonly message: string;
}

/** What a rule reports. The engine turns it into a `Finding`. */
export interface Report {
  readonly range: Range;
  readonly message: string;
  /** The file the finding belongs to; defaults to the file being checked. */
  readonly uri?: string;
  /** Overrides the rule's default severity (e.g. a warning only when cluster evidence exists). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly uri: string;
  readonly range: Range;
  readonly docsUrl: string;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** Something the engine could not analyse: a parse error, a skipped template, a size limit. */
export interface Note {
  readonly uri: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: 'parse-error' | 'skipped' | 'config-error' | 'limit';
  readonly message: string;
}

export interface RuleMeta {
  /** Stable id in `area/kebab-name` form. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line for docs, SARIF `shortDescription` and rule listings. */
  readonly title: string;
}
