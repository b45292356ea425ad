import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../engine/analyzer.ts';
import { fixAll } from '../engine/fix-all.ts';
import { textDifferenceEdit } from './text-difference.ts';
import type { EditSupport } from './workspace-edit.ts';
import { toWorkspaceEdit } from './workspace-edit.ts';

/** `CodeAction.data` of a "fix all" action whose edit is computed on `codeAction/resolve`. */
export interface FixAllActionData {
  readonly fixAll: true;
  readonly uri: string;
  readonly version: number;
  /** Only this rule's fixes; every rule's safe fixes when absent. */
  readonly ruleId?: string;
}

export function isFixAllActionData(value: unknown): value is FixAllActionData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return data.fixAll === true && typeof data.uri === 'string' && typeof data.version === 'number';
}

/** The edit that applies the safe fixes of the document (optionally of one rule), or undefined. */
export function fixAllEdit(
  analyzer: Analyzer,
  document: TextDocument,
  ruleId: string | undefined,
  support: EditSupport,
): WorkspaceEdit | undefined {
  const before = document.getText();
  const { text } = fixAll(
    analyzer,
    { uri: document.uri, text: before },
    ruleId === undefined ? {} : { ruleId },
  );
  const edit = textDifferenceEdit(before, text);
  if (!edit) return undefined;
  return toWorkspaceEdit([{ uri: document.uri, edits: [edit] }], support, () => document.version);
}

/**
 * A "fix all" action. With `resolveEdits` the edit is left for `codeAction/resolve`, so that
 * merely showing the light bulb does not run the fixes of a large file.
 */
export function fixAllAction(
  title: string,
  kind: string,
  data: FixAllActionData,
  resolveEdits: boolean,
  computeEdit: () => WorkspaceEdit | undefined,
): CodeAction | undefined {
  if (resolveEdits) return { title, kind, data };
  const edit = computeEdit();
  return edit ? { title, kind, edit } : undefined;
}
