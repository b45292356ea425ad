import { CodeActionKind } from 'vscode-languageserver';

/** The source action that applies every safe fix of the file (e.g. on save). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.mlops-lens`;

/** Whether an action of `kind` answers a request limited to `only` (LSP kind hierarchy). */
export function isRequestedKind(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return kind.startsWith(CodeActionKind.QuickFix);
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}
