/**
 * The language server's custom requests. The server owns them; clients import these constants
 * and types (no `vscode` import here, so any LSP client can use them).
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { Severity } from '../engine/types.ts';
import type { LensSettings } from './settings.ts';

/** What a client may pass as `initializationOptions`: any subset of the settings. */
export type InitializationOptions = Partial<LensSettings>;

export interface CheckWorkspaceParams {
  /** Limit the check to one workspace folder; all folders when absent. */
  readonly folderUri?: string;
}

export interface CheckWorkspaceResult {
  /** Files analysed (open editors with their unsaved text, the rest from disk). */
  readonly files: number;
  /** Problems per severity: findings and notes (parse errors, skips, config errors) together. */
  readonly counts: Readonly<Record<Severity, number>>;
  /** Files whose analysis threw; each also carries an `analysis-failed` diagnostic. */
  readonly failed: number;
}

/**
 * `mlopsLens/checkWorkspace`, sent by the client (the "Check workspace" command, status bar):
 * the server analyses every file of the workspace folders that it would report in
 * `workspace/diagnostic` and returns the number of problems per severity.
 */
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>(
  'mlopsLens/checkWorkspace',
);
