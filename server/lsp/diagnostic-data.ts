/**
 * What each finding's diagnostic carries in `Diagnostic.data`, so the code-action handler finds
 * the cached fixes without reading the message: the rule, the document version the finding was
 * computed for, and the finding's index in that analysis.
 */
export interface FindingDiagnosticData {
  readonly ruleId: string;
  /** The document version analysed; null for a file read from disk. */
  readonly version: number | null;
  readonly index: number;
}

export function isFindingDiagnosticData(value: unknown): value is FindingDiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    typeof data.ruleId === 'string' &&
    typeof data.index === 'number' &&
    (typeof data.version === 'number' || data.version === null)
  );
}
