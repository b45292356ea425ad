import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../engine/analyzer.ts';
import type { Finding, Range } from '../engine/types.ts';
import { FIX_ALL_KIND, isRequestedKind } from './code-action-kinds.ts';
import { isFindingDiagnosticData } from './diagnostic-data.ts';
import type { DocumentAnalysis } from './document-analyses.ts';
import { fixAllAction, fixAllEdit } from './fix-all-action.ts';
import { ignoreCommentEdit } from './ignore-comment-edit.ts';
import { DIAGNOSTIC_SOURCE } from './to-diagnostic.ts';
import type { EditSupport } from './workspace-edit.ts';
import { toWorkspaceEdit } from './workspace-edit.ts';

export interface CodeActionInputs {
  readonly document: TextDocument;
  /** The document's analysis; fixes are offered only when it is of the current version. */
  readonly analysis: DocumentAnalysis | undefined;
  readonly analyzer: Analyzer;
  readonly editSupport: EditSupport;
  /** The client resolves actions' edits lazily (`codeAction/resolve`). */
  readonly resolveEdits: boolean;
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * The finding a diagnostic stands for, with the fixes cached with the document's current
 * analysis. A diagnostic from another version of the document is refused: its ranges no longer
 * match the text. A diagnostic from a workspace report (computed from the file on disk, version
 * null) is matched to the current analysis by rule, range and message instead, so the fixes
 * offered are always those of the text in the editor.
 */
function findingOf(diagnostic: Diagnostic, inputs: CodeActionInputs): Finding | undefined {
  const data: unknown = diagnostic.data;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingDiagnosticData(data)) return undefined;
  const { analysis, document } = inputs;
  if (analysis?.version !== document.version) return undefined;
  if (data.version === null) {
    return analysis.findings.find(
      (finding) =>
        finding.ruleId === data.ruleId &&
        finding.message === diagnostic.message &&
        sameRange(finding.range, diagnostic.range),
    );
  }
  if (data.version !== document.version) return undefined;
  const finding = analysis.findings[data.index];
  return finding?.ruleId === data.ruleId ? finding : undefined;
}

function safeFixCount(analysis: DocumentAnalysis, ruleId: string): number {
  return analysis.findings.filter((f) => f.ruleId === ruleId && f.fixes.some((fix) => fix.safe)).length;
}

export function codeActionsFor(params: CodeActionParams, inputs: CodeActionInputs): CodeAction[] {
  const { document, editSupport } = inputs;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const quickFixes = isRequestedKind(CodeActionKind.QuickFix, only);
  const rulesSeen = new Set<string>();
  for (const diagnostic of quickFixes ? params.context.diagnostics : []) {
    const finding = findingOf(diagnostic, inputs);
    if (!finding) continue;
    finding.fixes.forEach((fix, order) => {
      const edit = toWorkspaceEdit(
        fix.changes,
        editSupport,
        (uri) => (uri === document.uri ? document.version : null),
        fix.placeholder,
      );
      if (!edit) return;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: order === 0 && fix.safe,
        edit,
      });
    });
    rulesSeen.add(finding.ruleId);
    const ignore = ignoreCommentEdit(document, finding.range.start.line, finding.ruleId);
    if (ignore) {
      actions.push({
        title: `Ignore ${finding.ruleId} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: toWorkspaceEdit([{ uri: document.uri, edits: [ignore] }], editSupport, () => document.version),
      });
    }
  }
  const analysis = inputs.analysis;
  for (const ruleId of rulesSeen) {
    if (!analysis || safeFixCount(analysis, ruleId) < 2) continue;
    const action = fixAllAction(
      `Fix all ${ruleId} problems in this file`,
      CodeActionKind.QuickFix,
      { fixAll: true, uri: document.uri, version: document.version, ruleId },
      inputs.resolveEdits,
      () => fixAllEdit(inputs.analyzer, document, ruleId, editSupport),
    );
    if (action) actions.push(action);
  }
  if (only !== undefined && isRequestedKind(FIX_ALL_KIND, only) && analysis?.version === document.version) {
    const fixable = analysis.findings.some((finding) => finding.fixes.some((fix) => fix.safe));
    const action = fixable
      ? fixAllAction(
          'Fix all safely fixable MLOps Lens problems',
          FIX_ALL_KIND,
          { fixAll: true, uri: document.uri, version: document.version },
          inputs.resolveEdits,
          () => fixAllEdit(inputs.analyzer, document, undefined, editSupport),
        )
      : undefined;
    if (action) actions.push(action);
  }
  return actions;
}
