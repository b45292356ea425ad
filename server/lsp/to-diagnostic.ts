import type { Diagnostic } from 'vscode-languageserver';
import type { DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, Note, Range, Severity } from '../engine/types.ts';
import type { FindingDiagnosticData } from './diagnostic-data.ts';

export const DIAGNOSTIC_SOURCE = 'mlops-lens';

/** The code of the diagnostic a file gets when its analysis threw. */
export const ANALYSIS_FAILED_CODE = 'analysis-failed';

const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = { error: 1, warning: 2, information: 3 };

export function findingDiagnostic(finding: Finding, version: number | null, index: number): Diagnostic {
  const data: FindingDiagnosticData = { ruleId: finding.ruleId, version, index };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: finding.docsUrl },
    message: finding.message,
    data,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: related.uri, range: related.range },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** Parse errors, skipped files, configuration errors and limits. */
export function noteDiagnostic(note: Note): Diagnostic {
  return {
    range: note.range,
    severity: LSP_SEVERITY[note.severity],
    source: DIAGNOSTIC_SOURCE,
    code: note.code,
    message: note.message,
  };
}

const START_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function analysisFailedDiagnostic(error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    range: START_OF_FILE,
    severity: 1,
    source: DIAGNOSTIC_SOURCE,
    code: ANALYSIS_FAILED_CODE,
    message: `MLOps Lens could not analyse this file (${reason}). The details are in the MLOps Lens output log.`,
  };
}
